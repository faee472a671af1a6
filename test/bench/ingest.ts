// Benchmark (not a test): how close the server's ingest comes to what the disk can durably write, in one run.
// The limits, measured first in this process: a bare SQLite transaction inserting one case-sized row (WAL,
// synchronous=FULL, one after another), and a bare write + fsync + rename + directory fsync of a 300 KB file. Then
// the real server (SQLite, child process) takes new cases and new photos from 32 concurrent clients (autocannon
// over loopback). Prints each rate, ours ÷ bare (aim ≥ 0.8 for both), and p50/p99 latency.
// Run: npx tsx test/bench/ingest.ts        (BENCH_SECONDS=5, BENCH_CLIENTS=32)
import { closeSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { signedIn } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, sha256, uploadedPhoto } from '../support/photo-uploads';
import { startServerProcess } from '../support/server-process';

interface Result { requests: { total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; start: Date; finish: Date }
interface Req { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }
type Autocannon = (opts: {
  url: string; connections: number; duration?: number; amount?: number;
  requests?: { setupRequest?: (req: Req) => Req }[];
}) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const PHOTO_BYTES = 300 * 1024;

/** Transactions per second, one after another, each inserting `row` (its own key) and committing (an fsync). */
function bareSqliteRate(row: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bare-sqlite-'));
  const db = new SQLite(join(dir, 'db.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table cases (id text primary key, fields text not null)');
    const insert = db.prepare('insert into cases (id, fields) values (?, ?)');
    const once = db.transaction((id: string) => insert.run(id, row));
    let n = 0;
    const until = Date.now() + SECONDS * 1000;
    while (Date.now() < until) once(newCaseId()), n++;
    return n / SECONDS;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files per second, one after another: write, fsync, rename into a folder, fsync the folder (as the store does). */
function bareFileRate(bytes: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bare-files-'));
  try {
    let n = 0;
    const until = Date.now() + SECONDS * 1000;
    for (; Date.now() < until; n++) {
      const temp = join(dir, `${n}.part`);
      writeFileSync(temp, bytes);
      const fd = openSync(temp, 'r');
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temp, join(dir, `${n}.jpg`));
      const dirFd = openSync(dir, 'r');
      fsyncSync(dirFd);
      closeSync(dirFd);
    }
    return n / SECONDS;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function check(name: string, r: Result): Result {
  if (r.errors || r.non2xx) throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
  return r;
}
const rps = (r: Result) => r.requests.total / ((r.finish.getTime() - r.start.getTime()) / 1000);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const server = await startServerProcess({ database: 'sqlite' });
  try {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    const caseBody = JSON.stringify({ baseRevision: 0, fields: caseFields({ photos: [photo] }) });
    const photoBytes = fakeJpeg(1600, 1200, PHOTO_BYTES);

    console.log(`ingest: ${SECONDS} s per measure, ${CLIENTS} clients, loopback, SQLite (WAL, synchronous=FULL), case body ${caseBody.length} B, photos ${PHOTO_BYTES / 1024} KB`);
    const bareTx = bareSqliteRate(caseBody);
    const bareFile = bareFileRate(photoBytes);

    const jsonHeaders = { 'content-type': 'application/json', cookie: reporter.cookie };
    const jpegHeaders = { 'content-type': 'image/jpeg', cookie: reporter.cookie };
    const cases = check('new cases', await autocannon({
      url: server.url, connections: CLIENTS, duration: SECONDS,
      requests: [{ setupRequest: (req) => ({ ...req, method: 'PUT', path: `/api/cases/${newCaseId()}`, headers: jsonHeaders, body: caseBody }) }],
    }));
    const fresh = Array.from({ length: Math.ceil(bareFile * SECONDS * 1.5) + CLIENTS }, () => fakeJpeg(1600, 1200, PHOTO_BYTES));
    let next = 0;
    const photos = check('new photos', await autocannon({
      url: server.url, connections: CLIENTS, amount: fresh.length,
      requests: [{ setupRequest: (req) => { const bytes = fresh[next++]!; return { ...req, method: 'PUT', path: `/api/photos/${sha256(bytes)}`, headers: jpegHeaders, body: bytes }; } }],
    }));

    console.log('\nmeasure                          rate/s   bare/s   ours ÷ bare   p50 ms   p99 ms');
    const line = (name: string, ours: Result, bare: number) =>
      console.log(`${name.padEnd(30)} ${fmt(rps(ours)).padStart(8)} ${fmt(bare).padStart(8)}   ${fmt(rps(ours) / bare, 2).padStart(11)}   ${fmt(ours.latency.p50).padStart(6)}   ${fmt(ours.latency.p99).padStart(6)}`);
    line('case PUT, new case (201)', cases, bareTx);
    line('photo PUT, new 300 KB (201)', photos, bareFile);
    console.log('(aim: ours ÷ bare ≥ 0.8 for both, with a 201 still meaning on disk)');
  } finally {
    await server.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
