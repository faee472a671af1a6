// dashboard_counts rebuilt from the cases and their events, set-based (INSERT … SELECT … GROUP BY over the items
// of every case, then over the rows so made: items.ts): when the server starts on a database that has cases but no counts (the table
// is new, or the data was copied to PostgreSQL without it), and in tests and benches that write cases straight
// into the database.
import { sql } from 'kysely';
import { dialectOf, type Db } from '../../db/connect';
import { lockKey, writeTransaction, type Tx } from '../../db/transaction';
import { recountStatements } from './items';

/** Replaces every count with a recount, in one transaction (no case can be written meanwhile). */
export function recountDashboard(db: Db): Promise<void> {
  return writeTransaction(db, async (tx) => {
    const dialect = dialectOf(tx);
    await lockKey(tx, 'case_events');
    // The grouping of a million cases' items sorts or hashes in memory rather than in temporary files.
    if (dialect === 'postgres') await sql`set local work_mem = '256MB'`.execute(tx);
    await tx.deleteFrom('dashboard_counts').execute();
    for (const statement of recountStatements(dialect)) await statement.execute(tx);
  });
}

/** True when a case that counts has no counts yet: the table was never filled on this database. */
async function countsMissing(db: Tx): Promise<boolean> {
  const anyCount = await db.selectFrom('dashboard_counts').select('n').limit(1).executeTakeFirst();
  if (anyCount) return false;
  return (await db.selectFrom('cases').select('id').where('status', '<>', 'erased').limit(1).executeTakeFirst()) !== undefined;
}

/** At the server's start: recounts when the counts are missing; whether it did. */
export async function recountIfMissing(db: Db): Promise<boolean> {
  if (!(await countsMissing(db))) return false;
  await recountDashboard(db);
  await settleCounts(db);
  return true;
}

/**
 * After a recount (outside its transaction): the planner's statistics of the new rows and, on PostgreSQL, the
 * visibility map that lets the report's reads stay in the index (autovacuum would get there, later).
 */
export async function settleCounts(db: Db): Promise<void> {
  await (dialectOf(db) === 'postgres' ? sql`vacuum analyze dashboard_counts` : sql`analyze dashboard_counts`).execute(db);
}
