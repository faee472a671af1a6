// A fresh database for each test file, for both dialects: SQLite in a temp DATA_DIR, or a new PostgreSQL
// database (gs_test_<time>_<random>) on TEST_DATABASE_URL, dropped afterwards. PostgreSQL unreachable is a
// failure, never a skip: CI starts it and sets TEST_DATABASE_URL.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/server/db/connect';

export type DatabaseKind = 'sqlite' | 'postgres';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['sqlite', 'postgres'];
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://gs:gs@127.0.0.1:5432/postgres';

/** Test databases older than this were left by a crashed run: the next run drops them. */
const STALE_MS = 2 * 3600_000;

export interface TestDatabase {
  kind: DatabaseKind;
  /** Always a fresh temp folder (photos live there with either database). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** DATA_DIR and DATABASE_URL for a server or the CLI. */
  env: Record<string, string>;
  /** A Kysely connection to it (the caller destroys it). */
  open(): Db;
  /** Drops the database and removes the folder. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is unreachable at ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} — start it or set TEST_DATABASE_URL (${(err as Error).message})`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `dataDir`: a folder to make and use instead of a temp one (a test's own file system). */
export async function createTestDatabase(kind: DatabaseKind, dataDir = mkdtempSync(join(tmpdir(), `gs-${kind}-`))): Promise<TestDatabase> {
  mkdirSync(dataDir, { recursive: true });
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (kind === 'postgres') {
    name = `gs_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
    await admin(async (client) => {
      const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'gs\\_test\\_%'");
      for (const { datname } of rows) {
        const born = Number(/^gs_test_(\d+)_/.exec(datname)?.[1]);
        if (born && Date.now() - born > STALE_MS) await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
      }
      await client.query(`create database ${quoteIdent(name!)}`);
    });
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  return {
    kind,
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' },
    open: () => openDatabase({ dataDir, databaseUrl }),
    async drop() {
      if (name) await admin((client) => client.query(`drop database if exists ${quoteIdent(name!)} with (force)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
