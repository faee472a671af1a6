// What cases add to the dashboard's counts, as one SQL query over cases and their events: the same definition
// serves the recount (all cases, INSERT … SELECT … GROUP BY), every write (the cases written, before and after:
// keep.ts). The definitions are the report's (report.ts, shared/dashboard-protocol.ts).
//
// Each item is (commune, day of first receipt in Vietnam, figure, key, n):
// - one per case: commune, movement, field, status (its status now), priority "category|minority|proposed|commended"
//   and publicity "commended|published|consent" (flags 0/1; proposed, commended: ever reached, from the events);
// - speeds, in whole days: deedToReport, reportToCommendation, reportToRejection, proposalToDecision, each also
//   as `${figure}:bin` keyed by floor(days / SPEED_BIN), so that a median reads the bins and then only the days
//   of the bins it falls in;
// - the status chart: a change of status (each event compared with the case's previous one, in seq order) takes
//   1 from the status left and adds 1 to the status entered, keyed "eventDay|status" (moveDay) and
//   "eventMonth|status" (moveMonth): net changes per status, so most of them cancel within a month.
// An erased case adds nothing.
import { sql, type RawBuilder } from 'kysely';
import { KINH_CODE } from '../../../shared/reference';
import type { DialectName } from '../../db/connect';

export const SPEED_FIGURES = ['deedToReport', 'reportToCommendation', 'reportToRejection', 'proposalToDecision'] as const;
export type SpeedFigure = (typeof SPEED_FIGURES)[number];
/** Days per bin of a speed's coarse histogram. */
export const SPEED_BIN = 32;
export const binOf = (figure: SpeedFigure) => `${figure}:bin` as const;

/** The figures read for every report: a few rows per month of receipt. */
export const CASE_FIGURES = ['commune', 'movement', 'field', 'status', 'priority', 'publicity'] as const;
export const COARSE_FIGURES = [...CASE_FIGURES, 'moveMonth', ...SPEED_FIGURES.map(binOf)] as const;
export type Figure = (typeof COARSE_FIGURES)[number] | 'moveDay' | SpeedFigure;

/**
 * Where the counts are kept, per day and per month of first receipt: the whole province (commune '') and each
 * commune, so that any period of any area reads count rows only (its whole months, and days at its edges).
 */
export const LEVELS = [
  { grain: 'day', commune: false },
  { grain: 'month', commune: false },
  { grain: 'day', commune: true },
  { grain: 'month', commune: true },
] as const;
export type Grain = (typeof LEVELS)[number]['grain'];

/** The day in Vietnam (UTC+7) of a stored ISO time, "yyyy-mm-dd". */
function vietnamDaySql(d: DialectName, time: RawBuilder<unknown>): RawBuilder<string> {
  // PostgreSQL ignores the "Z" when casting to timestamp without time zone: the UTC wall clock.
  return d === 'postgres' ? sql<string>`to_char(cast(${time} as timestamp) + interval '7 hours', 'YYYY-MM-DD')` : sql<string>`date(${time}, '+7 hours')`;
}

/** Whole days from one ISO day to another (negative when `to` is earlier). */
function daysSql(d: DialectName, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  return d === 'postgres' ? sql<number>`(cast(${to} as date) - cast(${from} as date))` : sql<number>`cast(julianday(${to}) - julianday(${from}) as integer)`;
}

export const text = (n: RawBuilder<number>) => sql<string>`cast(${n} as text)`;
/** floor(n / SPEED_BIN) on both databases (their integer division truncates towards zero). */
export const bin = (n: RawBuilder<number>) => text(sql<number>`((${n}) - ((((${n}) % ${sql.lit(SPEED_BIN)}) + ${sql.lit(SPEED_BIN)}) % ${sql.lit(SPEED_BIN)})) / ${sql.lit(SPEED_BIN)}`);
const flag = (condition: RawBuilder<unknown>) => sql<string>`case when ${condition} then '1' else '0' end`;
const oneOf = (names: readonly string[]) => sql.join(names.map((n, i) => (i === 0 ? sql`select ${sql.lit(n)} as figure` : sql`select ${sql.lit(n)}`)), sql` union all `);

/**
 * The items of the cases `where` selects (a condition on `cases`), as rows (commune, day, figure, key, n), one per
 * item (not summed). Without `derived`, no bins and no moveMonth: the recount sums those from the rows it made.
 */
export function itemsQuery(d: DialectName, where: RawBuilder<unknown>, derived = true): RawBuilder<unknown> {
  const receipt = sql`c.day`;
  const deedToReport = daysSql(d, sql`c.deed_date`, receipt);
  const reportToCommendation = daysSql(d, receipt, sql`c.decision_date`);
  const proposalToDecision = daysSql(d, vietnamDaySql(d, sql`p.at`), sql`c.decision_date`);
  const reportToRejection = daysSql(d, receipt, sql`ev.day`);
  const commended = flag(sql`r.commended = 1`);
  const caseFigures = [...CASE_FIGURES, 'deedToReport', 'reportToCommendation', 'proposalToDecision'] as const;
  const caseBins = ['deedToReport', 'reportToCommendation', 'proposalToDecision'] as const;
  return sql`
    with c as materialized (
      select cases.id, cases.commune_code, cases.status, cases.movement_id, cases.field_of_life_id, cases.subject_category_id,
        cases.ethnicity_code, cases.published_at, cases.consent_publication, cases.deed_date, cases.decision_date,
        ${vietnamDaySql(d, sql`cases.created_at`)} as day
      from cases where cases.status <> 'erased' and (${where})
    ),
    ev as materialized (
      select e.case_id, e.kind, e.status, e.from_status, e.at, ${vietnamDaySql(d, sql`e.at`)} as day,
        lag(e.status) over (partition by e.case_id order by e.seq) as prev
      from case_events e where e.case_id in (select id from c)
    ),
    r as (
      select case_id, max(case when status = 'proposed' then 1 else 0 end) as proposed,
        max(case when status = 'commended' then 1 else 0 end) as commended
      from ev where status in ('proposed', 'commended') group by case_id
    ),
    p as (
      select ev.case_id, max(ev.at) as at from ev inner join c on c.id = ev.case_id
      where c.decision_date is not null and ev.status = 'proposed' and (ev.from_status is null or ev.from_status <> 'proposed')
        and ev.at < c.decision_date || 'T17'
      group by ev.case_id
    ),
    items as (
      select c.commune_code as commune, c.day as day, f.figure as figure, case f.figure
          when 'commune' then c.commune_code
          when 'movement' then c.movement_id
          when 'field' then c.field_of_life_id
          when 'status' then c.status
          when 'priority' then c.subject_category_id || '|' || ${flag(sql`c.ethnicity_code is not null and c.ethnicity_code <> ${KINH_CODE}`)}
            || '|' || ${flag(sql`r.proposed = 1`)} || '|' || ${commended}
          when 'publicity' then ${commended} || '|' || ${flag(sql`c.published_at is not null`)} || '|' || ${flag(sql`c.consent_publication = 1`)}
          when 'deedToReport' then ${text(deedToReport)}
          when 'deedToReport:bin' then ${bin(deedToReport)}
          when 'reportToCommendation' then case when c.decision_date is not null then ${text(reportToCommendation)} end
          when 'reportToCommendation:bin' then case when c.decision_date is not null then ${bin(reportToCommendation)} end
          when 'proposalToDecision' then case when p.at is not null then ${text(proposalToDecision)} end
          when 'proposalToDecision:bin' then case when p.at is not null then ${bin(proposalToDecision)} end
        end as key, 1 as n
      from c left join r on r.case_id = c.id left join p on p.case_id = c.id
        cross join (${oneOf([...caseFigures, ...(derived ? caseBins.map((f) => `${f}:bin`) : [])])}) f
      union all
      select c.commune_code, c.day, g.figure, case
          when g.figure = 'reportToRejection' then ${text(reportToRejection)}
          when g.figure = 'reportToRejection:bin' then ${bin(reportToRejection)}
          when g.figure = 'moveDay' and g.side = 1 then ev.day || '|' || ev.status
          when g.figure = 'moveDay' then ev.day || '|' || ev.prev
          when g.side = 1 then substr(ev.day, 1, 7) || '|' || ev.status
          else substr(ev.day, 1, 7) || '|' || ev.prev
        end, g.side
      from ev inner join c on c.id = ev.case_id
        cross join (${derived ? sql`select 'moveDay' as figure, 1 as side union all select 'moveDay', -1 union all select 'moveMonth', 1
          union all select 'moveMonth', -1 union all select 'reportToRejection', 1 union all select 'reportToRejection:bin', 1`
          : sql`select 'moveDay' as figure, 1 as side union all select 'moveDay', -1 union all select 'reportToRejection', 1`}) g
      where case when g.figure in ('moveDay', 'moveMonth')
          then (ev.prev is null or ev.prev <> ev.status) and (g.side = 1 or ev.prev is not null)
          else ev.kind = 'status' and ev.status = 'rejected' end
    )
    select commune, day, figure, key, n from items where key is not null`;
}

/** The items of `where`'s cases summed into the rows of dashboard_counts (commune, grain, period, figure, key, n ≠ 0). */
export function levelsQuery(d: DialectName, where: RawBuilder<unknown>): RawBuilder<{ commune: string; grain: Grain; period: string; figure: string; key: string; n: number | string }> {
  const levels = sql.join(LEVELS.map((l, i) => (i === 0
    ? sql`select ${sql.lit(l.grain)} as grain, ${sql.lit(l.commune ? 1 : 0)} as by_commune`
    : sql`select ${sql.lit(l.grain)}, ${sql.lit(l.commune ? 1 : 0)}`)), sql` union all `);
  const commune = sql`case when l.by_commune = 1 then i.commune else '' end`;
  const period = sql`case when l.grain = 'day' then i.day else substr(i.day, 1, 7) end`;
  return sql`
    select ${commune} as commune, l.grain as grain, ${period} as period, i.figure as figure, i.key as key, sum(i.n) as n
    from (${itemsQuery(d, where)}) i cross join (${levels}) l
    group by ${commune}, l.grain, ${period}, i.figure, i.key
    having sum(i.n) <> 0`;
}

/**
 * The recount as set-based statements, in order: the items (without bins and moveMonth) summed once into the
 * communes' days (one INSERT … SELECT … GROUP BY over the items), then from the rows so made: the communes' bins
 * (from the days of each speed) and moveMonth (from moveDay), the province's days (the communes' days summed),
 * and every area's months (its days summed). PostgreSQL inserts in the key's order (its index is then written
 * left to right).
 */
export function recountStatements(d: DialectName): RawBuilder<unknown>[] {
  const into = sql`insert into dashboard_counts (commune, grain, figure, period, key, n)`;
  const month = (day: RawBuilder<unknown>) => sql`substr(${day}, 1, 7)`;
  const eventMonthKey = sql`substr(key, 1, 7) || substr(key, 11)`;
  const speedBin = bin(sql<number>`cast(key as integer)`);
  const inKeyOrder = d === 'postgres' ? sql`order by 1, 2, 3, 4, 5` : sql``;
  return [
    sql`with i as materialized (${itemsQuery(d, sql`1 = 1`, false)})
      ${into}
      select i.commune, 'day', i.figure, i.day, i.key, sum(i.n) from i
        group by i.commune, i.figure, i.day, i.key having sum(i.n) <> 0
      ${inKeyOrder}`,
    // Only the communes' days are there yet: bins and moveMonth are summed from them, then go up with the rest.
    sql`${into} select commune, grain, figure || ':bin', period, ${speedBin}, sum(n) from dashboard_counts
      where figure in (${sql.join(SPEED_FIGURES.map((f) => sql.lit(f)))})
      group by commune, grain, figure, period, ${speedBin} having sum(n) <> 0 ${inKeyOrder}`,
    sql`${into} select commune, grain, 'moveMonth', period, ${eventMonthKey}, sum(n) from dashboard_counts where figure = 'moveDay'
      group by commune, grain, period, ${eventMonthKey} having sum(n) <> 0 ${inKeyOrder}`,
    sql`${into} select '', 'day', figure, period, key, sum(n) from dashboard_counts where commune <> '' and grain = 'day'
      group by figure, period, key having sum(n) <> 0 ${inKeyOrder}`,
    sql`${into} select commune, 'month', figure, ${month(sql`period`)}, key, sum(n) from dashboard_counts where grain = 'day'
      group by commune, figure, ${month(sql`period`)}, key having sum(n) <> 0 ${inKeyOrder}`,
  ];
}
