// Keeping dashboard_counts up to date: every write of a case runs inside keepingDashboardCounts, which reads the
// cases' items (items.ts) summed per row of the counts before and after the write and adds the difference, in the
// write's transaction. A writer that changes cases or case_events without it leaves the dashboard wrong (the
// counts test recounts to catch it).
import { sql } from 'kysely';
import { dialectOf } from '../../db/connect';
import { lockKey, type Tx } from '../../db/transaction';
import { reusedQuery } from '../../db/reused-query';
import { levelsQuery, type Grain } from './items';

/** A row of dashboard_counts without its n: commune, grain, period, figure, key joined by tabs. */
type CountKey = string;
interface CountRow { commune: string; grain: Grain; period: string; figure: string; key: string }
const countKey = (r: CountRow): CountKey => [r.commune, r.grain, r.period, r.figure, r.key].join('\t');

/** Both databases cap a statement's parameters (SQLite 32,766, PostgreSQL 65,535). */
const ROWS_PER_STATEMENT = 4000;
const IDS_PER_STATEMENT = 2000;

/** The rows of the counts of `count` cases, their ids in the slots. */
const levelsOf = reusedQuery((tx, count, slot) => {
  const ids = Array.from({ length: Number(count) }, (_, i) => slot(i));
  return levelsQuery(dialectOf(tx), sql`cases.id in (${sql.join(ids)})`);
});

/** The cases' rows of the counts (erased or missing cases: none), times `sign`, added to `into`. */
async function addRowsOf(tx: Tx, caseIds: readonly string[], sign: 1 | -1, into: Map<CountKey, number>): Promise<void> {
  for (let i = 0; i < caseIds.length; i += IDS_PER_STATEMENT) {
    const ids = caseIds.slice(i, i + IDS_PER_STATEMENT);
    const { rows } = await levelsOf(tx, String(ids.length), ids);
    for (const r of rows) {
      const k = countKey(r);
      into.set(k, (into.get(k) ?? 0) + sign * Number(r.n));
    }
  }
}

const COLUMNS = ['commune', 'grain', 'period', 'figure', 'key', 'n'] as const;

/** Adds n to `count` rows of dashboard_counts (made as needed), their columns in the slots row by row; returns them. */
const upsertCounts = reusedQuery((tx, count, slot) => {
  const rows = Array.from({ length: Number(count) }, (_, r) => Object.fromEntries(COLUMNS.map((c, i) => [c, slot(r * COLUMNS.length + i)])));
  return tx.insertInto('dashboard_counts').values(rows as never)
    .onConflict((oc) => oc.columns(['commune', 'grain', 'figure', 'period', 'key'])
      .doUpdateSet((eb) => ({ n: eb('dashboard_counts.n', '+', eb.ref('excluded.n')) })))
    .returning(COLUMNS);
});

/** Adds the deltas to dashboard_counts (rows made as needed; rows brought to 0 removed). */
async function addCounts(tx: Tx, deltas: ReadonlyMap<CountKey, number>): Promise<void> {
  const changed = [...deltas].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const zero: CountRow[] = [];
  for (let i = 0; i < changed.length; i += ROWS_PER_STATEMENT) {
    const page = changed.slice(i, i + ROWS_PER_STATEMENT);
    const values = page.flatMap(([k, n]) => [...k.split('\t'), n]);
    const { rows } = await upsertCounts(tx, String(page.length), values);
    for (const r of rows) if (Number(r.n) === 0) zero.push(r);
  }
  // A net change can bring a row back to 0 (a status left as often as entered): those rows go.
  for (let i = 0; i < zero.length; i += 500) {
    await tx.deleteFrom('dashboard_counts').where('n', '=', 0)
      .where((eb) => eb.or(zero.slice(i, i + 500).map((r) => eb.and([
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
