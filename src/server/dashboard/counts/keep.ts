// Keeping dashboard_counts up to date: every write of a case runs inside keepingDashboardCounts, which reads the
// cases' items (items.ts) summed per row of the counts before and after the write and adds the difference, in the
// write's transaction. A writer that changes cases or case_events without it leaves the dashboard wrong (the
// counts test recounts to catch it).
import { sql } from 'kysely';
import { dialectOf } from '../../db/connect';
import { lockKey, type Tx } from '../../db/transaction';
import { levelsQuery, type Grain } from './items';

/** A row of dashboard_counts without its n: commune, grain, period, figure, key joined by tabs. */
type CountKey = string;
interface CountRow { commune: string; grain: Grain; period: string; figure: string; key: string }
const countKey = (r: CountRow): CountKey => [r.commune, r.grain, r.period, r.figure, r.key].join('\t');
function splitCountKey(k: CountKey): CountRow {
  const [commune, grain, period, figure, key] = k.split('\t') as [string, Grain, string, string, string];
  return { commune, grain, period, figure, key };
}

/** Both databases cap a statement's parameters (SQLite 32,766, PostgreSQL 65,535). */
const ROWS_PER_STATEMENT = 4000;
const IDS_PER_STATEMENT = 2000;

/** The cases' rows of the counts (erased or missing cases: none), times `sign`, added to `into`. */
async function addRowsOf(tx: Tx, caseIds: readonly string[], sign: 1 | -1, into: Map<CountKey, number>): Promise<void> {
  for (let i = 0; i < caseIds.length; i += IDS_PER_STATEMENT) {
    const ids = caseIds.slice(i, i + IDS_PER_STATEMENT);
    const { rows } = await levelsQuery(dialectOf(tx), sql`cases.id in (${sql.join(ids)})`).execute(tx);
    for (const r of rows) {
      const k = countKey(r);
      into.set(k, (into.get(k) ?? 0) + sign * Number(r.n));
    }
  }
}

/** Adds the deltas to dashboard_counts (rows made as needed; rows brought to 0 removed). */
async function addCounts(tx: Tx, deltas: ReadonlyMap<CountKey, number>): Promise<void> {
  const changed = [...deltas].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < changed.length; i += ROWS_PER_STATEMENT) {
    const rows = changed.slice(i, i + ROWS_PER_STATEMENT).map(([k, n]) => ({ ...splitCountKey(k), n }));
    await tx.insertInto('dashboard_counts').values(rows)
      .onConflict((oc) => oc.columns(['commune', 'grain', 'figure', 'period', 'key'])
        .doUpdateSet((eb) => ({ n: eb('dashboard_counts.n', '+', eb.ref('excluded.n')) })))
      .execute();
  }
  // A net change of status can come back to 0 too: any row changed may now be 0.
  const touched = changed.map(([k]) => splitCountKey(k));
  for (let i = 0; i < touched.length; i += 500) {
    await tx.deleteFrom('dashboard_counts').where('n', '=', 0)
      .where((eb) => eb.or(touched.slice(i, i + 500).map((r) => eb.and([
        eb('commune', '=', r.commune), eb('grain', '=', r.grain), eb('figure', '=', r.figure), eb('period', '=', r.period), eb('key', '=', r.key),
      ]))))
      .execute();
  }
}

/**
 * Runs `write` (which changes these cases and appends their events) and brings the counts up to date with it.
 * Call it inside the write transaction, holding the cases' locks.
 */
export async function keepingDashboardCounts<T>(tx: Tx, caseIds: readonly string[], write: () => Promise<T>): Promise<T> {
  const deltas = new Map<CountKey, number>();
  await addRowsOf(tx, caseIds, -1, deltas);
  const result = await write();
  await addRowsOf(tx, caseIds, 1, deltas);
  // The lock appendEvent takes: on PostgreSQL, count updates (and a recount) never interleave or deadlock.
  await lockKey(tx, 'case_events');
  await addCounts(tx, deltas);
  return result;
}
