// `npm run restore -- --from FOLDER`: a backup into an empty DATA_DIR (SQLite) or an empty PostgreSQL database,
// refusing anything else; every file checked against the manifest on the way. The changes feed's cursor then
// jumps past the snapshot (see SEQ_GAP), so a phone that synced with the lost server keeps syncing.
import { execFile } from 'node:child_process';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Config } from '../config';
import { dialectOf, openDatabase, type Db } from '../db/connect';
import { makePrivateDir } from '../private-files';
import { photoPath, readManifest, type Manifest } from './layout';
import { copyHashed, hashFile } from './photos';

const run = promisify(execFile);

/**
 * New events after a restore are numbered from the snapshot's last seq plus this. A phone's cursor from the lost
 * server lies between the two (it saw at most the events written after the backup, far fewer than a million
 * between two backups), so it stays below every new event: it reads them all, and nothing twice.
 */
export const SEQ_GAP = 1_000_000;

export class RestoreRefused extends Error {}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

async function tablesIn(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from information_schema.tables where table_schema = 'public'`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

async function restorePhotos(manifest: Manifest, from: string, dataDir: string): Promise<void> {
  const photosDir = join(dataDir, 'photos');
  await makePrivateDir(photosDir);
  for (const p of manifest.photos) {
    const to = photoPath(photosDir, p.sha256);
    await makePrivateDir(join(to, '..'));
    const got = await copyHashed(photoPath(join(from, 'photos'), p.sha256), to);
    if (got.sha256 !== p.sha256) throw new RestoreRefused(`Ảnh ${p.sha256} trong bản sao lưu bị hỏng (SHA-256 ${got.sha256})`);
  }
}

async function startEventsAfter(db: Db, seq: number): Promise<void> {
  const next = seq + SEQ_GAP;
  if (dialectOf(db) === 'postgres') {
    await sql`select setval(pg_get_serial_sequence('case_events', 'seq'), ${next})`.execute(db);
  } else {
    // AUTOINCREMENT keeps its counter in sqlite_sequence (no row yet if no event was ever written).
    await sql`delete from sqlite_sequence where name = 'case_events'`.execute(db);
    await sql`insert into sqlite_sequence (name, seq) values ('case_events', ${next})`.execute(db);
  }
}

export async function runRestore(config: Pick<Config, 'dataDir' | 'databaseUrl'>, from: string): Promise<Manifest> {
  const manifest = await readManifest(from);
  if (!manifest) throw new RestoreRefused(`${from} không phải một bản sao lưu hoàn chỉnh (không có manifest.json)`);
  const wants = config.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.database !== wants) {
    throw new RestoreRefused(`Bản sao lưu này của ${manifest.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, còn máy chủ được cấu hình cho ${wants === 'sqlite' ? 'SQLite (DATABASE_URL trống)' : 'PostgreSQL (DATABASE_URL)'}`);
  }
  const dbFile = join(from, manifest.databaseFile);
  const { sha256 } = await hashFile(dbFile);
  if (sha256 !== manifest.databaseSha256) throw new RestoreRefused(`Tệp cơ sở dữ liệu ${dbFile} không khớp SHA-256 trong manifest: bản sao lưu bị hỏng`);

  if (!(await isEmptyDir(config.dataDir))) {
    throw new RestoreRefused(`DATA_DIR ${config.dataDir} không trống: chỉ khôi phục vào một thư mục trống (hoặc chưa có) để không ghi đè dữ liệu đang dùng`);
  }
  if (config.databaseUrl) {
    const db = openDatabase(config);
    try {
      if (await tablesIn(db)) throw new RestoreRefused('Cơ sở dữ liệu PostgreSQL (DATABASE_URL) không trống: hãy tạo một cơ sở dữ liệu mới để khôi phục vào');
    } finally {
      await db.destroy();
    }
  }
  // Photos first, the database last: pg_restore in one transaction, or the rename of the SQLite file, is the step
  // that makes the data there, so a failure before it leaves an empty database and DATA_DIR is emptied again.
  try {
    await restorePhotos(manifest, from, config.dataDir);
    if (config.databaseUrl) {
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${config.databaseUrl}`, dbFile]);
    } else {
      const temp = join(config.dataDir, 'db.sqlite.restoring');
      const got = await copyHashed(dbFile, temp);
      if (got.sha256 !== manifest.databaseSha256) throw new RestoreRefused('Tệp cơ sở dữ liệu chép ra không khớp SHA-256 trong manifest');
      await rename(temp, join(config.dataDir, 'db.sqlite'));
    }
  } catch (err) {
    for (const name of await readdir(config.dataDir).catch(() => [])) await rm(join(config.dataDir, name), { recursive: true, force: true });
    throw err;
  }
  const db = openDatabase(config);
  try {
    await startEventsAfter(db, manifest.lastEventSeq);
  } finally {
    await db.destroy();
  }
  return manifest;
}
