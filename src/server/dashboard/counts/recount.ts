// dashboard_counts rebuilt from the cases and their events: when the server starts on a database that has cases
// but no counts (the table is new, or the data was copied to PostgreSQL without it), and in tests and benches
// that write cases straight into the database.
import type { Db } from '../../db/connect';
import { lockKey, writeTransaction, type Tx } from '../../db/transaction';
import type { CountKey } from './contribution';
import { addContributions, addCounts } from './keep';

const CASES_PER_STEP = 2000;

interface Position { created_at: string; id: string }

/** Replaces every count with a recount, in one transaction (no case can be written meanwhile). */
export function recountDashboard(db: Db): Promise<void> {
  return writeTransaction(db, async (tx) => {
    await lockKey(tx, 'case_events');
    await tx.deleteFrom('dashboard_counts').execute();
    // In order of first receipt: the steps' counts fall mostly on different rows.
    let last: Position | null = null;
    for (;;) {
      const from: Position | null = last;
      const page: Position[] = await tx.selectFrom('cases').select(['created_at', 'id'])
        .where('status', '<>', 'erased')
        .$if(from !== null, (q) => q.where((eb) => eb.or([
          eb('created_at', '>', from!.created_at), eb.and([eb('created_at', '=', from!.created_at), eb('id', '>', from!.id)]),
        ])))
        .orderBy('created_at').orderBy('id').limit(CASES_PER_STEP).execute();
      if (page.length === 0) return;
      const deltas = new Map<CountKey, number>();
      await addContributions(tx, page.map((c) => c.id), 1, deltas);
      await addCounts(tx, deltas);
      last = page.at(-1)!;
    }
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
  return true;
}
