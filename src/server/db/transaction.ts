// Write transactions and locks, the two places where SQLite and PostgreSQL behave differently.
import { sql, type Transaction } from 'kysely';
import { dialectOf, type Db } from './connect';
import type { Database } from './schema';

export type Tx = Transaction<Database> | Db;

/**
 * Runs fn in a write transaction. SQLite: BEGIN IMMEDIATE, so a transaction that reads then writes waits for
 * another process's writer (busy_timeout) instead of failing with SQLITE_BUSY when it upgrades its lock.
 */
export async function writeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return db.transaction().execute(fn);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw err;
    }
  });
}

/**
 * Serialises transactions that share a key until they end (PostgreSQL advisory lock). SQLite needs nothing:
 * its writers are already serialised.
 */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}
