// Keeping dashboard_counts up to date: every write of a case runs inside keepingDashboardCounts, which reads the
// cases' contributions before and after the write and adds the difference, in the write's transaction. A writer
// that changes cases or case_events without it leaves the dashboard wrong (the counts test recounts to catch it).
import { lockKey, type Tx } from '../../db/transaction';
import { addContribution, CASE_COLUMNS, EVENT_COLUMNS, splitCountKey, type CaseFacts, type CountKey, type EventFacts } from './contribution';

/** Both databases cap a statement's parameters (SQLite 32,766, PostgreSQL 65,535). */
const ROWS_PER_STATEMENT = 4000;

/** The cases' contributions (erased or missing cases: none), as deltas of `sign`, added to `into`. */
export async function addContributions(tx: Tx, caseIds: readonly string[], sign: 1 | -1, into: Map<CountKey, number>): Promise<void> {
  if (caseIds.length === 0) return;
  const cases: CaseFacts[] = await tx.selectFrom('cases').select(CASE_COLUMNS).where('id', 'in', caseIds).execute();
  if (cases.length === 0) return;
  const events: EventFacts[] = await tx.selectFrom('case_events').select(EVENT_COLUMNS)
    .where('case_id', 'in', cases.map((c) => c.id)).orderBy('case_id').orderBy('seq').execute();
  const byCase = new Map<string, EventFacts[]>();
  for (const e of events) {
    const list = byCase.get(e.case_id);
    if (list) list.push(e); else byCase.set(e.case_id, [e]);
  }
  for (const c of cases) addContribution(into, c, byCase.get(c.id) ?? [], sign);
}

/** Adds the deltas to dashboard_counts (rows made as needed; rows brought to 0 removed). */
export async function addCounts(tx: Tx, deltas: ReadonlyMap<CountKey, number>): Promise<void> {
  const changed = [...deltas].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < changed.length; i += ROWS_PER_STATEMENT) {
    const rows = changed.slice(i, i + ROWS_PER_STATEMENT).map(([k, n]) => ({ ...splitCountKey(k), n }));
    await tx.insertInto('dashboard_counts').values(rows)
      .onConflict((oc) => oc.columns(['grain', 'commune', 'period', 'figure', 'key'])
        .doUpdateSet((eb) => ({ n: eb('dashboard_counts.n', '+', eb.ref('excluded.n')) })))
      .execute();
  }
  const lowered = changed.filter(([, n]) => n < 0).map(([k]) => splitCountKey(k));
  for (let i = 0; i < lowered.length; i += 500) {
    await tx.deleteFrom('dashboard_counts').where('n', '=', 0)
      .where((eb) => eb.or(lowered.slice(i, i + 500).map((r) => eb.and([
        eb('grain', '=', r.grain), eb('commune', '=', r.commune), eb('period', '=', r.period), eb('figure', '=', r.figure), eb('key', '=', r.key),
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
  await addContributions(tx, caseIds, -1, deltas);
  const result = await write();
  await addContributions(tx, caseIds, 1, deltas);
  // The lock appendEvent takes: on PostgreSQL, count updates (and a recount) never interleave or deadlock.
  await lockKey(tx, 'case_events');
  await addCounts(tx, deltas);
  return result;
}
