// The oracle of the dashboard's counts (test only): the figures the report read straight from cases and
// case_events before it kept counts (src/server/dashboard/counts/), grouped counts over the cases of one period in
// one area. The counts test and the bench compare the report's answer with the answer these give.
import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { KINH_CODE } from '../../src/shared/reference';
import type { AppraisalStatus, ServerStatus } from '../../src/shared/sync-protocol';
import type { Database } from '../../src/server/db/schema';
import type { Tx } from '../../src/server/db/transaction';
import { foldProfiles, type CountedFigures, type Profile, type StatusMove } from '../../src/server/dashboard/figures';
import { weightedMedian } from '../../src/server/dashboard/median';
import { periodOf, vietnamDayOf, type Bucket, type Period } from '../../src/server/dashboard/period';
import type { CountsScope } from '../../src/server/dashboard/counts/read';
import { daysBetween } from '../../src/shared/dates';

export interface Scope { period: Period; commune: string | null }

/** The cases of the period (first receipt inside it), in the commune when one is given. */
function scoped(db: Tx, scope: Scope): SelectQueryBuilder<Database, 'cases', {}> {
  // An erased case (the data subject's request) counts nowhere: only its id, owner and commune remain.
  let q = db.selectFrom('cases')
    .where('cases.status', '<>', 'erased')
    .where('cases.created_at', '>=', scope.period.lo)
    .where('cases.created_at', '<', scope.period.hi);
  if (scope.commune) q = q.where('cases.commune_code', '=', scope.commune);
  return q;
}

// PostgreSQL's count(*) is a bigint, which the driver returns as text.
const count = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => eb.fn.countAll<number | string>().as('n');

/** 1 when the condition holds, else 0: the same on both databases (SQLite has no booleans). */
const oneIf = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, condition: Expression<SqlBool>) =>
  eb.case().when(condition).then(eb.lit(1)).else(eb.lit(0)).end();

/** A stored ISO time's first 13 characters: its hour (UTC), "2025-03-01T07". */
const hourOf = (eb: ExpressionBuilder<Database, 'cases' | 'case_events'>, time: 'cases.created_at' | 'case_events.at') =>
  eb.fn<string>('substr', [time, eb.lit(1), eb.lit(13)]);

export async function countBy(db: Tx, scope: Scope, column: 'commune_code' | 'movement_id' | 'field_of_life_id'): Promise<Map<string, number>> {
  const rows = await scoped(db, scope)
    .select((eb) => [eb.ref(`cases.${column}`).as('id'), count(eb)])
    .groupBy(`cases.${column}`)
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function profiles(db: Tx, scope: Scope): Promise<Profile[]> {
  // Whether each case ever reached 'proposed' and 'commended', from the audit log: one grouped pass joined to
  // the cases (a correlated EXISTS per case is far slower on PostgreSQL).
  const reached = db.selectFrom('case_events')
    .select((eb) => [
      'case_events.case_id as case_id',
      eb.fn.max(oneIf(eb, eb('case_events.status', '=', 'proposed'))).as('proposed'),
      eb.fn.max(oneIf(eb, eb('case_events.status', '=', 'commended'))).as('commended'),
    ])
    .where('case_events.status', 'in', ['proposed', 'commended'])
    .where('case_events.case_id', 'in', scoped(db, scope).select('cases.id'))
    .groupBy('case_events.case_id');
  const facts = scoped(db, scope)
    .leftJoin(reached.as('r'), 'r.case_id', 'cases.id')
    .select((eb) => [
      'cases.subject_category_id as category',
      'cases.status as status',
      oneIf(eb, eb.and([eb('cases.ethnicity_code', 'is not', null), eb('cases.ethnicity_code', '<>', KINH_CODE)])).as('minority'),
      eb.fn.coalesce('r.proposed', eb.lit(0)).as('proposed'),
      eb.fn.coalesce('r.commended', eb.lit(0)).as('commended'),
      oneIf(eb, eb('cases.published_at', 'is not', null)).as('published'),
      'cases.consent_publication as consent',
    ]);
  const rows = await db.selectFrom(facts.as('f'))
    .select((eb) => ['f.category', 'f.status', 'f.minority', 'f.proposed', 'f.commended', 'f.published', 'f.consent', count(eb)])
    .groupBy(['f.category', 'f.status', 'f.minority', 'f.proposed', 'f.commended', 'f.published', 'f.consent'])
    .execute();
  return rows.map((r) => ({
    category: r.category, status: r.status as AppraisalStatus, n: Number(r.n),
    minority: Number(r.minority) === 1, proposed: Number(r.proposed) === 1, commended: Number(r.commended) === 1,
    published: Number(r.published) === 1, consent: Number(r.consent) === 1,
  }));
}

/**
 * Status changes of the period's cases, counted per bucket: each event compared with the case's previous one
 * (the audit log is append-only and ordered by seq). Events after the last snapshot are left out.
 */
export async function statusMoves(db: Tx, scope: Scope, buckets: readonly Bucket[]): Promise<StatusMove[]> {
  const last = buckets.at(-1);
  if (!last) return [];
  const events = db.selectFrom('case_events')
    .select((eb) => {
      // The first bucket whose snapshot time is after the event (buckets.length: after the last snapshot).
      let bucket = eb.case().when('case_events.at', '<', buckets[0]!.at).then(eb.lit<number>(0));
      buckets.slice(1).forEach((b, i) => { bucket = bucket.when('case_events.at', '<', b.at).then(eb.lit(i + 1)); });
      return [
        'case_events.status as status',
        'case_events.at as at',
        eb.fn.agg<ServerStatus | null>('lag', ['case_events.status'])
          .over((over) => over.partitionBy('case_events.case_id').orderBy('case_events.seq')).as('previous'),
        bucket.else(eb.lit(buckets.length)).end().as('bucket'),
      ];
    })
    .where('case_events.case_id', 'in', scoped(db, scope).select('cases.id'));
  const rows = await db.selectFrom(events.as('e'))
    .select((eb) => ['e.bucket', 'e.previous', 'e.status', count(eb)])
    .where('e.at', '<', last.at)
    .where((eb) => eb.or([eb('e.previous', 'is', null), eb('e.previous', '<>', eb.ref('e.status'))]))
    .groupBy(['e.bucket', 'e.previous', 'e.status'])
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), from: r.previous as AppraisalStatus | null, to: r.status as AppraisalStatus, n: Number(r.n) }));
}

/** (start, end, count) groups: `start` and `end` are ISO days or the first 13 characters of a stored time. */
export interface Span { start: string; end: string; n: number }

async function spans(db: Tx, inner: SelectQueryBuilder<Database, any, { start: string; end: string }>): Promise<Span[]> {
  const rows = await db.selectFrom(inner.as('s'))
    .select((eb) => ['s.start', 's.end', count(eb)])
    .groupBy(['s.start', 's.end'])
    .execute();
  return rows.map((r) => ({ start: r.start, end: r.end, n: Number(r.n) }));
}

/** Deed date → hour of the first receipt. */
export const deedToReport = (db: Tx, scope: Scope): Promise<Span[]> =>
  spans(db, scoped(db, scope).select((eb) => ['cases.deed_date as start', hourOf(eb, 'cases.created_at').as('end')]));

/** Hour of the first receipt → commendation decision date (only commended cases carry one). */
export const reportToCommendation = (db: Tx, scope: Scope): Promise<Span[]> =>
  spans(db, scoped(db, scope)
    .where('cases.decision_date', 'is not', null)
    .select((eb) => [hourOf(eb, 'cases.created_at').as('start'), 'cases.decision_date as end'])
    .$narrowType<{ end: string }>());

/**
 * Hour of the latest move to "proposed" before the decision → commendation decision date. A case proposed, sent
 * back and proposed again counts from its last proposal; "before" is by Vietnam's day (the decision date's day
 * ends at 17:00 UTC). A case commended without a recorded proposal is left out.
 */
export const proposalToDecision = (db: Tx, scope: Scope): Promise<Span[]> =>
  spans(db, scoped(db, scope)
    .innerJoin('case_events', 'case_events.case_id', 'cases.id')
    .where('cases.decision_date', 'is not', null)
    .where('case_events.status', '=', 'proposed')
    .where((eb) => eb.or([eb('case_events.from_status', 'is', null), eb('case_events.from_status', '<>', 'proposed')]))
    .where('case_events.at', '<', sql<string>`cases.decision_date || 'T17'`)
    .groupBy(['cases.id', 'cases.decision_date'])
    .select((eb) => [eb.fn.max(hourOf(eb, 'case_events.at')).as('start'), 'cases.decision_date as end'])
    .$narrowType<{ start: string; end: string }>());

/** Hour of the first receipt → hour of the move to "rejected" (a final state: one such event per case). */
export const reportToRejection = (db: Tx, scope: Scope): Promise<Span[]> =>
  spans(db, scoped(db, scope)
    .innerJoin('case_events', 'case_events.case_id', 'cases.id')
    .where('case_events.kind', '=', 'status')
    .where('case_events.status', '=', 'rejected')
    .select((eb) => [hourOf(eb, 'cases.created_at').as('start'), hourOf(eb, 'case_events.at').as('end')]));

/** The report's figures from the queries above: the oracle FiguresReader (report.ts) the counts must agree with. */
export async function directFigures(tx: Tx, s: CountsScope, buckets: readonly Bucket[]): Promise<CountedFigures> {
  const scope: Scope = { period: periodOf(s.from, s.to), commune: s.commune };
  const days = (spans: readonly Span[], startDay: (s: Span) => string, endDay: (s: Span) => string) =>
    weightedMedian(spans.map((x) => ({ value: daysBetween(startDay(x), endDay(x)), count: x.n })));
  return {
    byCommune: await countBy(tx, scope, 'commune_code'),
    byMovement: await countBy(tx, scope, 'movement_id'),
    byField: await countBy(tx, scope, 'field_of_life_id'),
    ...foldProfiles(await profiles(tx, scope)),
    moves: await statusMoves(tx, scope, buckets),
    speed: {
      deedToReport: days(await deedToReport(tx, scope), (x) => x.start, (x) => vietnamDayOf(x.end)),
      reportToCommendation: days(await reportToCommendation(tx, scope), (x) => vietnamDayOf(x.start), (x) => x.end),
      reportToRejection: days(await reportToRejection(tx, scope), (x) => vietnamDayOf(x.start), (x) => vietnamDayOf(x.end)),
      proposalToDecision: days(await proposalToDecision(tx, scope), (x) => vietnamDayOf(x.start), (x) => x.end),
    },
  };
}
