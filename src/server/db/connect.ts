// Opens the database: SQLite in DATA_DIR by default, PostgreSQL when a postgres:// URL is given.
// The same Kysely queries run on both; dialect differences live in migrations/ and transaction.ts.
import { chmodSync, closeSync, existsSync, fchmodSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type LogConfig, type SqliteDatabase } from 'kysely';
import { makePrivateDirSync, PRIVATE_FILE } from '../private-files';
import type { Database } from './schema';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseOptions { dataDir: string; databaseUrl?: string | undefined }

/** `log`: Kysely's hook, told of every query and its duration (the server's metrics: metrics/db.ts). */
export function openDatabase({ dataDir, databaseUrl }: DatabaseOptions, log?: LogConfig): Db {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
  }
  makePrivateDirSync(dataDir);
  const path = join(dataDir, 'db.sqlite');
  if (!existsSync(path)) {
    // Made here, private: SQLite gives the -wal and -shm files it makes later the database file's mode.
    const fd = openSync(path, 'a', PRIVATE_FILE);
    fchmodSync(fd, PRIVATE_FILE);
    closeSync(fd);
  }
  const file = new SQLite(path);
  file.pragma('journal_mode = WAL');
  // A database made by an older version, or copied in, and its -wal/-shm from before: private too.
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, PRIVATE_FILE);
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // Deleted rows (an erased case's personal data) are overwritten with zeros, not left in free pages.
  file.pragma('secure_delete = ON');
  // FULL: a receipt the phone acts on must survive a power cut.
  file.pragma('synchronous = FULL');
  // Statement journals (a statement inside a transaction that may have to undo itself: a multi-row insert, one
  // that fires the search index's trigger) in memory rather than in a temporary file: a case PUT wrote some twenty
  // pages to temporary files and spent over half its insert time there. They are small (the rows one statement
  // changed); the few large sorts the server does fit in memory too.
  file.pragma('temp_store = MEMORY');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }), ...(log ? { log } : {}) });
}

/**
 * Kysely prepares every query anew; compiling the SQL costs more than running it for our small queries.
 * Reusing statements is safe here: the driver runs one query at a time on this connection and never streams.
 */
function withStatementCache(file: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(query: string) {
      let statement = cache.get(query);
      if (!statement) {
        statement = file.prepare(query);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(query, statement);
      }
      return statement;
    },
  };
}

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A round trip to the database, for /api/health. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
