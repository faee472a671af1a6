// Benchmark (not a test): how close the server's ingest comes to what the disk can durably write, in one run.
// The limits, measured in this process just before and just after each of ours: a bare SQLite transaction
// inserting one case-sized row (WAL, synchronous=FULL, one after another), and a bare write + fsync + rename +
// directory fsync of a 300 KB file. Ours: the real server (SQLite, child process) takes new cases and new photos
// from 32 concurrent clients (autocannon over loopback): cases as phones send them (UUIDv7 ids, each naming its
// own photo and thumbnail, stored beforehand), photos as the phone sends them (PATCH from Upload-Offset 0,
// src/sync/http.ts) and as a one-piece PUT. Prints each rate, ours ÷ bare (aim ≥ 0.8 for both; bare: the mean of
// the two measures around ours, this machine being shared), p50/p99 latency, and the server's CPU time per
// request (user + system, all its threads: where the rate goes when the CPU, not the disk, is the limit).
// Beside each, the ceiling of HTTP alone: a bare node:http process that reads the same bodies and answers, with
// no disk at all, ÷ the same bare rate. Where that ceiling is itself below 0.8, no server reaches the aim here.
// Run: npx tsx test/bench/ingest.ts        (BENCH_SECONDS=5, BENCH_CLIENTS=32; BENCH_ONLY=cases,patch,put picks
// measures; BENCH_PROFILE=dir writes the server's CPU profile there, node --cpu-prof)
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { autocannon, check, fmt, rps, type Req, type Result } from './autocannon';
import { startBareHttp } from './bare-http';
import { signedIn } from '../support/api-client';
import type { PhotoRef } from '../../src/shared/case-schema';
import { uuidv7 } from '../../src/shared/ids';
import { caseFields } from '../support/case-fixtures';
import { fakeJpeg, uploadedPhoto } from '../support/photo-uploads';
import { cpuTimeMs } from '../support/process-memory';
import { startServerProcess, type ServerProcess } from '../support/server-process';


const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const ONLY = (process.env.BENCH_ONLY ?? 'cases,patch,put').split(',');
const PROFILE = process.env.BENCH_PROFILE;
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
    while (Date.now() < until) once(uuidv7()), n++;
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

/**
 * Distinct 300 KB JPEGs without hashing 300 KB each in this process (it shares the CPU with the server): one
 * random photo whose last bytes before EOI carry a counter; the hash of everything before them is computed once.
 */
function freshPhotos(): () => { bytes: Buffer; sha256: string } {
  const base = fakeJpeg(1600, 1200, PHOTO_BYTES);
  const tail = base.length - 2 - 12;
  const prefix = createHash('sha256').update(base.subarray(0, tail));
  let n = 0;
  return () => {
    const bytes = Buffer.from(base);
    // 12 decimal digits: never 0xff, so the scan data stays valid.
    bytes.write(String(n++).padStart(12, '0'), tail, 'latin1');
    return { bytes, sha256: prefix.copy().update(bytes.subarray(tail)).digest('hex') };
  };
}

/**
 * `n` photos and thumbnails of this reporter, stored as an upload stores them (rows, ownership, the account's
 * counter; the files are not needed to name them in a case), for the cases to name one each.
 */
async function storedPhotos(server: ServerProcess, userId: string, template: PhotoRef, n: number): Promise<PhotoRef[]> {
  const at = new Date().toISOString();
  const refs = Array.from({ length: n }, () => ({
    ...template, sha256: createHash('sha256').update(uuidv7()).digest('hex'), thumbSha256: createHash('sha256').update(uuidv7()).digest('hex'),
  }));
  await server.db().transaction().execute(async (tx) => {
    for (let i = 0; i < refs.length; i += 200) {
      const page = refs.slice(i, i + 200).flatMap((r) => [
        { sha256: r.sha256, bytes: r.bytes, width: r.width, height: r.height },
        { sha256: r.thumbSha256, bytes: r.thumbBytes, width: 320, height: 240 },
      ]);
      await tx.insertInto('photos').values(page.map((p) => ({ ...p, uploaded_by: userId, created_at: at, public_id: createHash('sha256').update(p.sha256).digest('hex').slice(0, 32) }))).execute();
      await tx.insertInto('photo_owners').values(page.map((p) => ({ sha256: p.sha256, user_id: userId, created_at: at }))).execute();
    }
    const bytes = refs.reduce((sum, r) => sum + r.bytes + r.thumbBytes, 0);
    await tx.updateTable('users').set((eb) => ({ stored_bytes: eb('stored_bytes', '+', bytes) })).where('id', '=', userId).execute();
  });
  return refs;
}


async function main(): Promise<void> {
  const server = await startServerProcess({ database: 'sqlite', nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE)}`] : [] });
  const bareHttp = await startBareHttp();
  try {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    const caseBody = JSON.stringify({ baseRevision: 0, fields: caseFields({ photos: [photo] }) });
    const pid = server.pid!;

    console.log(`ingest: ${SECONDS} s per measure, ${CLIENTS} clients, loopback, SQLite (WAL, synchronous=FULL), case body ${caseBody.length} B, photos ${PHOTO_BYTES / 1024} KB, load average ${loadavg()[0]!.toFixed(1)}`);
    const photoBytes = fakeJpeg(1600, 1200, PHOTO_BYTES);
    const bareTx = () => bareSqliteRate(caseBody);
    const bareFile = () => bareFileRate(photoBytes);

    // The bare rate is measured just before and just after ours (this machine is shared: its load drifts), and
    // ours is divided by their mean; both are printed.
    const lines: { name: string; r: Result; bare: [number, number]; cpu: number }[] = [];
    const measure = async (name: string, bare: () => number, setupRequest: (req: Req) => Req, before = bare(), on = { url: server.url, pid }) => {
      const cpu = cpuTimeMs(on.pid);
      const r = check(name, await autocannon({ url: on.url, connections: CLIENTS, duration: SECONDS, requests: [{ setupRequest }] }));
      lines.push({ name, r, bare: [before, bare()], cpu: (cpuTimeMs(on.pid) - cpu) / r.requests.total });
    };
    /** The same requests answered by bare node:http: the ceiling of HTTP alone on this machine. */
    const ceiling = (name: string, bare: () => number, setupRequest: (req: Req) => Req) =>
      measure(`  ${name}`, bare, (req) => ({ ...setupRequest(req), path: '/x' }), bare(), { url: bareHttp.url, pid: bareHttp.pid });
    const jsonHeaders = { 'content-type': 'application/json', cookie: reporter.cookie };
    if (ONLY.includes('cases')) {
      const before = bareTx();
      const photos = await storedPhotos(server, reporter.user.id, photo, Math.ceil(before * SECONDS));
      let n = 0;
      await measure('case PUT, new case (201)', bareTx, (req) => {
        const body = JSON.stringify({ baseRevision: 0, fields: caseFields({ photos: [photos[n++ % photos.length]!] }) });
        return { ...req, method: 'PUT', path: `/api/cases/${uuidv7()}`, headers: jsonHeaders, body };
      }, before);
      await ceiling('bare node:http, same bodies', bareTx, (req) => ({ ...req, method: 'PUT', headers: jsonHeaders, body: caseBody }));
    }
    const next = freshPhotos();
    if (ONLY.includes('patch')) {
      // What the phone sends for a new photo (src/sync/http.ts sendPhoto).
      const headers = { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'upload-length': String(PHOTO_BYTES), cookie: reporter.cookie };
      await measure('photo PATCH, new 300 KB (201)', bareFile, (req) => {
        const p = next();
        return { ...req, method: 'PATCH', path: `/api/photos/${p.sha256}`, headers, body: p.bytes };
      });
      await ceiling('bare node:http, same bodies', bareFile, (req) => ({ ...req, method: 'PATCH', headers, body: photoBytes }));
    }
    if (ONLY.includes('put')) {
      const headers = { 'content-type': 'image/jpeg', cookie: reporter.cookie };
      await measure('photo PUT, new 300 KB (201)', bareFile, (req) => {
        const p = next();
        return { ...req, method: 'PUT', path: `/api/photos/${p.sha256}`, headers, body: p.bytes };
      });
      if (!ONLY.includes('patch')) await ceiling('bare node:http, same bodies', bareFile, (req) => ({ ...req, method: 'PUT', headers, body: photoBytes }));
    }

    console.log('\nmeasure                          rate/s   bare/s (before–after)   ours ÷ bare   p50 ms   p99 ms   server CPU ms/req');
    for (const { name, r, bare, cpu } of lines) {
      const mean = (bare[0] + bare[1]) / 2;
      const range = `(${fmt(bare[0])}–${fmt(bare[1])})`;
      console.log(`${name.padEnd(30)} ${fmt(rps(r)).padStart(8)} ${fmt(mean).padStart(8)} ${range.padEnd(14)}   ${fmt(rps(r) / mean, 2).padStart(11)}   ${fmt(r.latency.p50).padStart(6)}   ${fmt(r.latency.p99).padStart(6)}   ${fmt(cpu, 2).padStart(17)}`);
    }
    console.log('(aim: ours ÷ bare ≥ 0.8 for both, with a 201 still meaning on disk; the indented lines: HTTP alone, no disk)');
  } finally {
    bareHttp.stop();
    await server.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
