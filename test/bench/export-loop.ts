// Benchmark (not a test): how long a province-wide export holds the real server's event loop (issue #13 point 5).
// The server runs as its own process (test/support/server-process) on a database seeded with BENCH_CASES cases;
// a probe sends GET /api/health one after the other on a kept-alive connection and times each answer, first with
// nothing else running (the baseline), then while one export (CSV, XLSX, ZIP without photos) downloads as fast
// as loopback takes it. The longest event-loop block is prom-client's (GET /metrics, nodejs_eventloop_lag_max,
// the window since the previous scrape: one scrape before, one after). Figures are ratios against the baseline of
// the same run; the export's time is compared with the same export downloaded with no probe running. The output's
// SHA-256 (ZIP dates zeroed) is printed to compare files made before and after a change.
// Run: npx tsx test/bench/export-loop.ts   (BENCH_CASES=6000,20000; SQLite, plus PostgreSQL when
//                                           TEST_DATABASE_URL is set; BENCH_DB=sqlite|postgres|both to choose)
import { createHash } from 'node:crypto';
import { Agent, get } from 'node:http';
import { loadavg } from 'node:os';
import { insertUser } from '../../src/server/accounts/users';
import { hashPassword } from '../../src/server/accounts/passwords';
import { migrateToLatest } from '../../src/server/db/migrations';
import { EXPORT_FORMATS, reviewApi, type ExportFormat } from '../../src/shared/review-protocol';
import { APPRAISAL_STATUSES } from '../../src/shared/sync-protocol';
import { logIn } from '../support/api-client';
import type { DatabaseKind } from '../support/databases';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { benchCaseFields, caseRow, pick, seedCases } from './seed-cases';
import { gauge } from './soak/watch';

const SIZES = (process.env.BENCH_CASES ?? '6000,20000').split(',').map(Number);
const TOKEN = 'metrics-token-for-the-export-loop-bench-0123';
const PASSWORD = 'mat-khau-do-hieu-nang';
const BASELINE_PROBES = 400;
const NAMES = ['Lò Thị Mai', 'Lường Văn Đức', 'Điêu Chính Tới', 'Vàng A Sử', 'Giàng Thị Dợ', 'Tập thể bản Nà Ún'];
const DEED = 'Anh đã lao xuống suối Nậm Kim, cứu hai cháu nhỏ bị nước lũ cuốn trôi, rồi đưa các cháu về bản "an toàn". ';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function fetchBytes(url: string, headers: Record<string, string>, onData?: (chunk: Buffer) => void): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: onData ? undefined : agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => { bytes += chunk.length; onData?.(chunk); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Health checks one after the other until `done` is true (at least `min` of them); each answer's time, ms. */
async function probe(url: string, done: () => boolean, min = 0): Promise<number[]> {
  const times: number[] = [];
  while (!done() || times.length < min) {
    const t = performance.now();
    const { status } = await fetchBytes(`${url}/api/health`, {});
    if (status !== 200) throw new Error(`health: ${status}`);
    times.push(performance.now() - t);
  }
  return times;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** The server's longest event-loop delay since the previous call, ms (prom-client resets it at each scrape). */
async function loopMax(url: string): Promise<number> {
  const { text } = await new Promise<{ text: string }>((resolve, reject) => {
    get(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ text: body }));
    }).on('error', reject);
  });
  const max = gauge(text, 'nodejs_eventloop_lag_max_seconds');
  if (max === undefined) throw new Error('no nodejs_eventloop_lag_max_seconds in /metrics');
  return max * 1000;
}

/** A ZIP's bytes with every MS-DOS time and date zeroed (local headers and central directory), so runs compare. */
function zipWithoutDates(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const local = out.readUInt32LE(at + 42);
    out.writeUInt32LE(0, at + 12);
    out.writeUInt32LE(0, local + 10);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

interface Download { ms: number; bytes: number; sha256: string }

async function download(server: ServerProcess, cookie: string, format: ExportFormat): Promise<Download> {
  const chunks: Buffer[] = [];
  const t = performance.now();
  const { status, bytes } = await fetchBytes(server.url + reviewApi.export(format, ''), { cookie }, (c) => chunks.push(c));
  const ms = performance.now() - t;
  if (status !== 200) throw new Error(`export.${format}: ${status}`);
  const whole = Buffer.concat(chunks);
  const hashed = format === 'csv' ? whole : zipWithoutDates(whole);
  return { ms, bytes, sha256: createHash('sha256').update(hashed).digest('hex').slice(0, 16) };
}

async function bench(kind: DatabaseKind, cases: number): Promise<void> {
  const server = await startServerProcess({ database: kind, env: { METRICS_TOKEN: TOKEN } });
  try {
    const db = server.db();
    await migrateToLatest(db);
    const reviewer = await insertUser(db, { username: 'bench', displayName: 'Bench', role: 'province-reviewer', area: '12',
      passwordHash: await hashPassword(PASSWORD, 11) });
    const base = Date.UTC(2025, 0, 1);
    await seedCases(db, cases, (i) => {
      const fields = benchCaseFields(i, { subjectName: `${pick(NAMES, i)} ${i}`, deedDescription: DEED.repeat(1 + (i % 5)) });
      // Ids of their own rather than random ones: the same data, hence the same file, in every run.
      const id = `01940000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      return { row: caseRow(fields, reviewer.id, APPRAISAL_STATUSES[i % 7]!, new Date(base + i * 60_000).toISOString(), { id }) };
    }, 1000);
    const { cookie } = await logIn(server, 'bench', PASSWORD);

    await probe(server.url, () => true, 50); // warm-up: connection, compiled code
    await loopMax(server.url);
    const idle = await probe(server.url, () => true, BASELINE_PROBES);
    const idleBlock = await loopMax(server.url);
    const idleP99 = percentile(idle, 99);
    console.log(`\n${kind}, ${cases.toLocaleString('en-US')} cases — baseline (no export): health p99 ${idleP99.toFixed(1)} ms,`
      + ` longest loop block ${idleBlock.toFixed(1)} ms (includes the monitor's 10 ms), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('  export      bytes   sha256 (dates 0)   alone ms   with probe   ×alone   loop block   ×base   health p99   ×base   max     probes');
    for (const format of EXPORT_FORMATS) {
      const alone = await download(server, cookie, format);
      await loopMax(server.url);
      let finished = false;
      const exporting = download(server, cookie, format).finally(() => { finished = true; });
      const times = await probe(server.url, () => finished);
      const run = await exporting;
      const block = await loopMax(server.url);
      if (run.sha256 !== alone.sha256) throw new Error(`export.${format}: two downloads differ`);
      const p99 = percentile(times, 99);
      console.log(`  ${format.padEnd(5)} ${(run.bytes / 1024 / 1024).toFixed(1).padStart(9)} MB  ${run.sha256}  ${alone.ms.toFixed(0).padStart(8)}`
        + `  ${run.ms.toFixed(0).padStart(11)}  ${(run.ms / alone.ms).toFixed(2).padStart(7)}  ${block.toFixed(0).padStart(8)} ms  ${(block / idleBlock).toFixed(1).padStart(6)}`
        + `  ${p99.toFixed(1).padStart(8)} ms  ${(p99 / idleP99).toFixed(1).padStart(6)}  ${Math.max(...times).toFixed(0).padStart(4)} ms  ${String(times.length).padStart(6)}`);
    }
    console.log(`  load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await server.dispose();
  }
}

const which = process.env.BENCH_DB ?? (process.env.TEST_DATABASE_URL ? 'both' : 'sqlite');
for (const kind of ['sqlite', 'postgres'] as const) {
  if (which !== 'both' && which !== kind) continue;
  for (const cases of SIZES) await bench(kind, cases);
}
agent.destroy();
