// Benchmark (not a test): backup and restore of BENCH_CASES cases (10,000) with 3 photos each (30,000 files of
// BENCH_PHOTO_BYTES, 20 KB by default: the shape of a province's data, smaller files to spare the disk), through
// the CLI as operators run it. Prints: the first backup's time and bytes, a second backup after 1% new photos
// (bytes written: only those), the restore, and a plain `cp -r` of the data folder for comparison.
// Run: npx tsx test/bench/backup.ts   (SQLite; BENCH_DB=postgres or both with TEST_DATABASE_URL)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest } from '../../src/server/backup/layout';
import type { Db } from '../../src/server/db/connect';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases';
import { fakeJpeg, sha256 } from '../support/photo-uploads';
import { benchCaseFields, caseRow, insertBenchOwner, onBenchDatabases, seedCases } from './seed-cases';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src/server/backup/cli.ts');
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const PHOTO_BYTES = Number(process.env.BENCH_PHOTO_BYTES ?? 20_000);

/** Photo files written straight into DATA_DIR/photos with their rows, as uploads leave them. */
async function addPhotos(db: Db, dataDir: string, owner: string, n: number): Promise<string[]> {
  const shas: string[] = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const bytes = fakeJpeg(1600, 1200, PHOTO_BYTES);
    const sha = sha256(bytes);
    const path = join(dataDir, 'photos', sha.slice(0, 2), sha.slice(2, 4), `${sha}.jpg`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    shas.push(sha);
    rows.push({ sha256: sha, bytes: bytes.length, width: 1600, height: 1200, uploaded_by: owner, created_at: '2026-01-01T00:00:00.000Z', public_id: sha.slice(0, 32) });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('photos').values(rows.slice(i, i + 1000)).execute();
  return shas;
}

async function addCases(db: Db, dataDir: string, owner: string, count: number): Promise<void> {
  const shas = await addPhotos(db, dataDir, owner, count * 3);
  await seedCases(db, count, (i) => ({
    row: caseRow(benchCaseFields(i), owner, 'received', new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString()),
    photos: shas.slice(i * 3, i * 3 + 3),
  }));
}

function timed(args: string[], env: Record<string, string>): number {
  const t = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
  return performance.now() - t;
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function bench(db: Db, kind: DatabaseKind, database: TestDatabase): Promise<void> {
  const owner = await insertBenchOwner(db);
  await addCases(db, database.dataDir, owner, CASES);
  const backups = mkdtempSync(join(tmpdir(), 'gs-bench-backups-'));
  const target = await createTestDatabase(kind);
  try {
    const first = timed(['backup', '--to', backups], database.env);
    const m1 = (await readManifest(join(backups, readdirSync(backups).sort()[0]!)))!;
    await addCases(db, database.dataDir, owner, Math.ceil(CASES / 100));
    const second = timed(['backup', '--to', backups], database.env);
    const names = readdirSync(backups).sort();
    const m2 = (await readManifest(join(backups, names.at(-1)!)))!;
    const restore = timed(['restore', '--from', join(backups, names.at(-1)!)], target.env);
    const copyDir = join(backups, 'cp-r');
    const t = performance.now();
    execFileSync('cp', ['-r', database.dataDir, copyDir]);
    const cp = performance.now() - t;
    console.log(`${kind}: ${m1.counts.cases} cases, ${m1.photos.length} photos of ${PHOTO_BYTES} bytes`);
    console.log(`  first backup   ${s(first)}, wrote ${mb(m1.stats.bytesWritten)} (cp -r of DATA_DIR: ${s(cp)}; ratio ${(first / cp).toFixed(2)})`);
    console.log(`  second backup  ${s(second)} after 1% new: ${m2.stats.photosCopied} copied, ${m2.stats.photosLinked} linked, wrote ${mb(m2.stats.bytesWritten)} (${((m2.stats.bytesWritten / m1.stats.bytesWritten) * 100).toFixed(1)}% of the first)`);
    console.log(`  restore+verify ${s(restore)}`);
  } finally {
    rmSync(backups, { recursive: true, force: true });
    await target.drop();
  }
}

await onBenchDatabases(bench);
