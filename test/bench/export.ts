// Benchmark (not a test): exports of 10,000 cases (BENCH_CASES; CSV, XLSX, ZIP of photos) through the real HTTP
// app, in SQLite and in PostgreSQL. Each measurement runs in a fresh child process (app, database connection and a
// node:http client that counts the bytes and drops them), warmed up by an empty export, sampling RSS and heapUsed
// every 5 ms or so; the live heap is measured in runs of their own, with a full GC before each sample. Time is compared
// with a bare SELECT of the same rows (all at once, in one query; for the ZIP, plus reading its photo files one
// after the other); live memory with the output's size, with what the SELECT's rows hold, and with the same task
// on a seventh of the cases (status=received): what streams does not grow with the number of cases.
// Run: npx tsx test/bench/export.ts   (BENCH_CASES=10000; SQLite, plus PostgreSQL when TEST_DATABASE_URL is set;
//                                      BENCH_DB=sqlite|postgres|both to choose; BENCH_FORMATS=csv,xlsx,zip the
//                                      exports to measure; BENCH_ZIP_QUERY=commune=… the ZIP's filter, with its
//                                      own SELECT; BENCH_KEEP=1 keeps the databases, BENCH_REUSE=<what it printed>
//                                      measures one again without seeding)
import { serve } from '@hono/node-server';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LoginLimiter } from '../../src/server/accounts/rate-limit';
import { hashPassword } from '../../src/server/accounts/passwords';
import { insertUser } from '../../src/server/accounts/users';
import { createApp } from '../../src/server/app';
import { BulletinCache } from '../../src/server/bulletin/cache';
import { loadConfig } from '../../src/server/config';
import { openDatabase, type Db } from '../../src/server/db/connect';
import { createLogger } from '../../src/server/log';
import { Metrics } from '../../src/server/metrics/metrics';
import { PhotoStore } from '../../src/server/photos/store';
import type { PhotoRef } from '../../src/shared/case-schema';
import { EXPORT_FORMATS, reviewApi, type ExportFormat } from '../../src/shared/review-protocol';
import { APPRAISAL_STATUSES, type ServerStatus } from '../../src/shared/sync-protocol';
import { logIn } from '../support/api-client';
import { fakeJpeg, sha256 } from '../support/photo-uploads';
import type { DatabaseKind, TestDatabase } from '../support/databases';
import { benchCaseFields, caseRow, onBenchDatabases, pick, seedCases, type BenchDatabase } from './seed-cases';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const BATCH = 500;
const USERNAME = 'bench';
const PASSWORD = 'mat-khau-do-hieu-nang';
const NAMES = ['Lò Thị Mai', 'Lường Văn Đức', 'Điêu Chính Tới', 'Vàng A Sử', 'Giàng Thị Dợ', 'Tập thể bản Nà Ún'];
const DEED = 'Anh đã lao xuống suối Nậm Kim, cứu hai cháu nhỏ bị nước lũ cuốn trôi, rồi đưa các cháu về bản "an toàn". ';
const MB = 1024 * 1024;
/** A seventh of the cases (statuses cycle through seven). */
const SEVENTH = 'status=received';

/** Three ~30 KB photos shared by the cases (case i has i % 4 of them). */
async function storePhotos(db: Db, store: PhotoStore, owner: string): Promise<PhotoRef[]> {
  const refs: PhotoRef[] = [];
  for (let i = 0; i < 3; i++) {
    const bytes = fakeJpeg(1600, 1200, 30_000);
    const appended = await store.partials.append(owner, sha256(bytes), { offset: 0, total: bytes.length, maxBytes: 8 * MB, chunks: (async function* () { yield bytes; })() }, async (outcome) => outcome);
    if (!appended.complete) throw new Error('photo not written whole');
    const { received } = appended;
    await store.commit(received.tempPath!, received.sha256);
    await db.insertInto('photos').values({ sha256: received.sha256, bytes: bytes.length, width: 1600, height: 1200, uploaded_by: owner, created_at: new Date().toISOString() }).execute();
    refs.push({ sha256: received.sha256, caption: `Ảnh ${i + 1}`, width: 1600, height: 1200, bytes: bytes.length, thumbSha256: sha256(bytes), thumbBytes: bytes.length });
  }
  return refs;
}

async function seed(db: Db, photos: PhotoRef[], owner: string): Promise<void> {
  const base = Date.UTC(2025, 0, 1);
  await seedCases(db, CASES, (i) => {
    const fields = benchCaseFields(i, { subjectName: `${pick(NAMES, i)} ${i}`, deedDescription: DEED.repeat(1 + (i % 5)), photos: photos.slice(0, i % 4) });
    return { row: caseRow(fields, owner, APPRAISAL_STATUSES[i % 7]!, new Date(base + i * 60_000).toISOString()), photos: fields.photos.map((p) => p.sha256) };
  }, BATCH);
}

// ---- one measurement, in a child process ----------------------------------------------------------------

/** `live`: a full GC before each sample, so heapUsed is live memory (slower: its time is not used). */
interface Task { dataDir: string; databaseUrl: string | undefined; what: 'select' | ExportFormat; query: string; live: boolean }
interface Result { ms: number; bytes: number; rows: number; rss: number; heap: number }

/** node:http rather than fetch: the client shares the process, so it should cost as little as it can. */
function download(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { cookie } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** The rows an export of `query` holds (its status and commune filters: those the bench uses). */
const selectRows = (db: Db, query: string) => {
  const filter = new URLSearchParams(query);
  let q = db.selectFrom('cases').select(['id', 'status', 'revision', 'commune_code', 'created_at', 'commendation_form_id',
    'decision_number', 'decision_date', 'fields']);
  const status = filter.get('status');
  const commune = filter.get('commune');
  if (status) q = q.where('status', '=', status as ServerStatus);
  if (commune) q = q.where('commune_code', '=', commune);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
};

async function child(task: Task): Promise<Result> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const db = openDatabase({ dataDir: task.dataDir, databaseUrl: task.databaseUrl });
  const config = loadConfig({ DATA_DIR: task.dataDir, DATABASE_URL: task.databaseUrl ?? '', HOST: '127.0.0.1', PORT: '0' });
  const photos = new PhotoStore(join(task.dataDir, 'photos'));
  const app = createApp({ config, db, log: createLogger(() => {}), photos, limiter: new LoginLimiter(config.login), bulletin: new BulletinCache(), metrics: new Metrics(config) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { cookie } = await logIn({ url }, USERNAME, PASSWORD);
    let held: unknown[] = [];
    const run = task.what === 'select'
      ? async () => { held = await selectRows(db, task.query); return 0; }
      : () => download(url + reviewApi.export(task.what as ExportFormat, task.query), cookie);
    // Warm-up: the same code paths on no rows (modules loaded, functions compiled, connections open).
    if (task.what === 'select') await db.selectFrom('cases').select('fields').where('status', '=', 'published').where('id', '=', '').execute();
    else await download(url + reviewApi.export(task.what, 'q=khong-ai-co-ten-nay'), cookie);
    gc();
    const base = process.memoryUsage();
    let rss = 0;
    let heap = 0;
    const sample = () => {
      if (task.live) gc();
      const m = process.memoryUsage();
      rss = Math.max(rss, m.rss - base.rss);
      heap = Math.max(heap, m.heapUsed - base.heapUsed);
    };
    // The next sample 5 ms (20 ms with a GC) after this one ended, or later: at most a fifth of the time goes to
    // sampling. A full GC takes longer than 20 ms under load, and an overdue interval ran one before every I/O
    // callback: the ZIP's file reads went one GC at a time (its live run of 10,000 cases was a tenth done in 9 min).
    let timer: NodeJS.Timeout;
    const every = task.live ? 20 : 5;
    const tick = () => {
      const t = performance.now();
      sample();
      timer = setTimeout(tick, Math.max(every, 4 * (performance.now() - t)));
    };
    timer = setTimeout(tick, every);
    const t = performance.now();
    const bytes = await run();
    const ms = performance.now() - t;
    clearTimeout(timer);
    sample();
    return { ms, bytes, rows: held.length, rss, heap };
  } finally {
    server.close();
    await db.destroy();
  }
}

/** A bare SELECT of a million cases holds them all (~2.7 KB each): more than the 4 GB V8 gives by default. */
const SELECT_HEAP_MB = 12_288;

function measure(task: Task): Result {
  const heap = task.what === 'select' ? [`--max-old-space-size=${SELECT_HEAP_MB}`] : [];
  const run = spawnSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_EXPORT_TASK: JSON.stringify(task) }, encoding: 'utf8', maxBuffer: 16 * MB,
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{')) throw new Error(`child ${task.what}: ${run.status}\n${run.stderr}`);
  return JSON.parse(last) as Result;
}

// ---- the run --------------------------------------------------------------------------------------------

const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;

const FORMATS = (process.env.BENCH_FORMATS?.split(',').filter(Boolean) ?? EXPORT_FORMATS) as ExportFormat[];
const ZIP_QUERY = process.env.BENCH_ZIP_QUERY ?? '';

async function bench(db: Db, kind: DatabaseKind, database: TestDatabase): Promise<void> {
  const store = new PhotoStore(join(database.dataDir, 'photos'));
  await store.init();
  const reviewer = await insertUser(db, { username: USERNAME, displayName: 'Bench', role: 'province-reviewer', area: '12',
    passwordHash: await hashPassword(PASSWORD, 11) });
  const t0 = performance.now();
  await seed(db, await storePhotos(db, store, reviewer.id), reviewer.id);
  console.log(`\n${kind}: ${CASES.toLocaleString('en-US')} cases seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await measureExports(db, database);
}

/** The time of reading the photo files the ZIP of `query` holds, one after the other (after reading the first 3). */
async function readingPhotos(db: Db, store: PhotoStore, query: string): Promise<number> {
  const photoPaths = (await selectRows(db, query)).flatMap((r) => (JSON.parse(r.fields) as { photos: PhotoRef[] }).photos.map((p) => store.pathOf(p.sha256)));
  await Promise.all(photoPaths.slice(0, 3).map((path) => readFile(path)));
  const t = performance.now();
  for (const path of photoPaths) await readFile(path);
  const ms = performance.now() - t;
  console.log(`  reading the ${photoPaths.length} photo files of the ZIP${query ? ` of ${query}` : ''} one after the other: ${ms.toFixed(0)} ms`);
  return ms;
}

async function measureExports(db: Db, database: BenchDatabase): Promise<void> {
  const filesMs = FORMATS.includes('zip') ? await readingPhotos(db, new PhotoStore(join(database.dataDir, 'photos')), ZIP_QUERY) : 0;
  const task = (what: Task['what'], query: string, live = false): Task =>
    ({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, what, query, live });
  /** One line: time and peaks of every case, and the live heap of every case and of a seventh of them. */
  const line = (label: string, what: Task['what'], query: string, base?: { ms: number; live: number }) => {
    const all = measure(task(what, query));
    const live = measure(task(what, query, true)).heap;
    const liveSeventh = measure(task(what, [query, SEVENTH].filter(Boolean).join('&'), true)).heap;
    const withFiles = what === 'zip' && base ? `×${(all.ms / (base.ms + filesMs)).toFixed(2)}` : '';
    console.log(`  ${label.padEnd(10)} ${(what === 'select' ? '' : mb(all.bytes)).padStart(9)} ${`${all.ms.toFixed(0)} ms`.padStart(9)}`
      + ` ${(base ? `×${(all.ms / base.ms).toFixed(1)}` : '').padStart(8)} ${withFiles.padStart(15)} ${mb(all.rss).padStart(10)} ${mb(all.heap).padStart(10)}`
      + ` ${mb(live).padStart(10)} ${(what === 'select' ? '' : (live / all.bytes).toFixed(3)).padStart(11)}`
      + ` ${(base ? (live / base.live).toFixed(2) : '').padStart(11)} ${(live / liveSeventh).toFixed(2).padStart(9)} ${loadavg()[0]!.toFixed(1).padStart(5)}`);
    return { ms: all.ms, live };
  };
  console.log('  task          output      time  ×SELECT  ×SELECT+files  peak RSS Δ  peak heap Δ  live heap Δ  live÷output  live÷SELECT  all÷⅐ live  load');
  const select = line('SELECT all', 'select', '');
  for (const format of FORMATS.filter((f) => f !== 'zip' || !ZIP_QUERY)) line(`export.${format}`, format, '', select);
  if (FORMATS.includes('zip') && ZIP_QUERY) {
    console.log(`  ${ZIP_QUERY}:`);
    const base = line('SELECT', 'select', ZIP_QUERY);
    line('export.zip', 'zip', ZIP_QUERY, base);
  }
}

const childTask = process.env.BENCH_EXPORT_TASK;
if (childTask) {
  console.log(JSON.stringify(await child(JSON.parse(childTask) as Task)));
  process.exit(0);
}
await onBenchDatabases(bench, measureExports);
