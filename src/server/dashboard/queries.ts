// The dashboard's SQL: grouped counts over the cases of one period in one area, the same queries on SQLite and
// PostgreSQL (times are ISO text in both, so comparisons and substr work alike), written with Kysely's builder.
// Answers are groups with a count, never one row per case; medians are taken in JS over (value, count) groups
// (median.ts), since the two databases share no median function.
import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { KINH_CODE } from '../../shared/reference';
import type { AppraisalStatus, ServerStatus } from '../../shared/sync-protocol';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { Bucket, Period } from './period';

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

/** One group of cases that share every trait the priority and publicity figures need. */
export interface Profile {
  category: string;
  status: AppraisalStatus;
  minority: boolean;
  proposed: boolean;
  commended: boolean;
  published: boolean;
  consent: boolean;
  n: number;
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

/** A change of status inside a bucket: one case left `from` (null: it arrived) and entered `to`. */
export interface StatusMove { bucket: number; from: AppraisalStatus | null; to: AppraisalStatus; n: number }

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

export interface ListEntryRow { id: string; name: string; priority: boolean; retired: boolean }

/** An administrator's list as it is now, retired entries included, in its order. */
export async function listEntries(db: Tx, list: 'movements' | 'fieldsOfLife' | 'subjectCategories'): Promise<ListEntryRow[]> {
  const rows = await db.selectFrom('reference_entries')
    .select(['id', 'name', 'priority', 'retired_at'])
    .where('list', '=', list)
    .orderBy('position').orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, priority: Number(r.priority) === 1, retired: r.retired_at !== null }));
}
