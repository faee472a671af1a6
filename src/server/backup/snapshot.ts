// The database half of a backup: a consistent snapshot written to a file, and what that snapshot holds (row
// counts, the photos it names, its last event). SQLite: the online backup API, then the copy is read. PostgreSQL:
// a read-only repeatable-read transaction exports its snapshot, pg_dump dumps exactly that snapshot, and the
// counts and photo list are read in the same transaction, so all three describe one moment.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Db } from '../db/connect';
import { rowCounts } from '../db/migrations';
import type { Database } from '../db/schema';

const run = promisify(execFile);

export interface SnapshotFacts {
  counts: Record<string, number>;
  lastEventSeq: number;
  /** Photos any case's current revision names: they must be in the backup. */
  required: Set<string>;
  /** Every photo row (uploaded, perhaps not yet named by a case). */
  all: Set<string>;
}

async function factsOf(db: Kysely<Database>): Promise<SnapshotFacts> {
  const counts = await rowCounts(db);
  const seq = await db.selectFrom('case_events').select(sql<number | string | null>`max(seq)`.as('m')).executeTakeFirst();
  const required = new Set((await db.selectFrom('case_photos').select('sha256').distinct().execute()).map((r) => r.sha256));
  const all = new Set((await db.selectFrom('photos').select('sha256').execute()).map((r) => r.sha256));
  for (const sha of required) all.add(sha);
  return { counts, lastEventSeq: Number(seq?.m ?? 0), required, all };
}

/** Copies DATA_DIR/db.sqlite to `target` while the server writes, and reads the copy. */
export async function snapshotSqlite(dataDir: string, target: string): Promise<SnapshotFacts> {
  const live = new SQLite(join(dataDir, 'db.sqlite'), { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    // All pages in one step, inside one read transaction: stepping 100 pages at a time, every write the server
    // commits between two steps would restart the copy, which under steady writes might never end.
    await live.backup(target, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  const copy = new SQLite(target);
  // Self-contained: no -wal or -shm beside it.
  copy.pragma('journal_mode = DELETE');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    return await factsOf(db);
  } finally {
    await db.destroy();
  }
}

/** pg_dump --format=custom of the snapshot the facts are read in. */
export async function snapshotPostgres(db: Db, databaseUrl: string, target: string): Promise<SnapshotFacts> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (tx) => {
    const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(tx);
    await run('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.id}`, `--file=${target}`, `--dbname=${databaseUrl}`]);
    return factsOf(tx);
  });
}
