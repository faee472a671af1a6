// The report's figures read from dashboard_counts: the period cut into whole months and the days at its edges,
// each a range of rows of the area (a commune, or '' for the province), summed per figure and key. Rows are read
// in three steps, each only as fine as the report needs: every figure by month of change or by bin of days; the
// changes of status day by day only in the months a snapshot of the chart cuts; the days of a speed only in the
// bins its median falls in.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Median } from '../../../shared/dashboard-protocol';
import { addDays, lastDayOfMonth, startOfVietnamDay, vietnamDay } from '../../../shared/dates';
import type { AppraisalStatus, ServerStatus } from '../../../shared/sync-protocol';
import type { Database } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { CountedFigures, PriorityGroupCount, PublicityCount, StatusMove } from '../figures';
import { weightedMedian, type Weighted } from '../median';
import type { Bucket } from '../period';
import { binOf, COARSE_FIGURES, SPEED_BIN, SPEED_FIGURES, type Figure, type Grain, type SpeedFigure } from './items';

export interface CountsScope { from: string; to: string; commune: string | null }

interface Range { grain: Grain; lo: string; hi: string }

/** [from, to] as ranges of rows: whole months as month rows, the days before and after them as day rows. */
export function periodRanges(from: string, to: string): Range[] {
  const firstWhole = from.endsWith('-01') ? from : addDays(lastDayOfMonth(from), 1);
  const lastWhole = lastDayOfMonth(to) === to ? to : addDays(`${to.slice(0, 8)}01`, -1);
  if (firstWhole > lastWhole) return [{ grain: 'day', lo: from, hi: to }];
  const ranges: Range[] = [{ grain: 'month', lo: firstWhole.slice(0, 7), hi: lastWhole.slice(0, 7) }];
  if (from < firstWhole) ranges.push({ grain: 'day', lo: from, hi: addDays(firstWhole, -1) });
  if (lastWhole < to) ranges.push({ grain: 'day', lo: addDays(lastWhole, 1), hi: to });
  return ranges;
}

/** figure → key → n */
type Sums = Map<string, Map<string, number>>;

function addTo(sums: Sums, figure: string, key: string, n: number): void {
  let keys = sums.get(figure);
  if (!keys) sums.set(figure, (keys = new Map()));
  keys.set(key, (keys.get(key) ?? 0) + n);
}
const keysOf = (sums: Sums, figure: Figure): [string, number][] => [...(sums.get(figure) ?? [])].filter(([, n]) => n !== 0);

/** Where the scope's rows are: the area's ranges of dashboard_counts. */
interface Sources { area: string; kept: Range[] }

const sourcesOf = (scope: CountsScope): Sources => ({ area: scope.commune ?? '', kept: periodRanges(scope.from, scope.to) });

type KeyFilter = (eb: ExpressionBuilder<Database, 'dashboard_counts'>) => Expression<SqlBool>;

/** Adds the kept rows of these figures (and keys) in the sources' ranges to `sums`. */
async function addKept(tx: Tx, sums: Sums, sources: Sources, figures: readonly string[], keys?: KeyFilter): Promise<void> {
  for (const range of sources.kept) {
    const rows = await tx.selectFrom('dashboard_counts')
      .select((eb) => ['figure', 'key', eb.fn.sum<number | string>('n').as('n')])
      .where('commune', '=', sources.area).where('grain', '=', range.grain).where('figure', 'in', figures)
      .where('period', '>=', range.lo).where('period', '<=', range.hi)
      .$if(keys !== undefined, (q) => q.where(keys!))
      .groupBy(['figure', 'key'])
      .execute();
    for (const r of rows) addTo(sums, r.figure, r.key, Number(r.n));
  }
}

const bit = (s: string | undefined) => s === '1';

function priorityOf(sums: Sums): PriorityGroupCount[] {
  return keysOf(sums, 'priority').map(([key, n]) => {
    const [category, minority, proposed, commended] = key.split('|');
    return { category: category!, minority: bit(minority), proposed: bit(proposed), commended: bit(commended), n };
  });
}

function publicityOf(sums: Sums): PublicityCount[] {
  return keysOf(sums, 'publicity').map(([key, n]) => {
    const [commended, published, consent] = key.split('|');
    return { commended: bit(commended), published: bit(published), consent: bit(consent), n };
  });
}

/**
 * Each bucket takes the changes of status made before its snapshot. A snapshot is the start of a Vietnam day,
 * except "now" for a bucket still running: the counts give the changes of the days before today, today's are read
 * from the events themselves up to now (few, and by the index on their time). A month no snapshot cuts falls in
 * one bucket whole (its month rows); a month a snapshot cuts is read day by day.
 */
async function movesOf(tx: Tx, sums: Sums, sources: Sources, scope: CountsScope, buckets: readonly Bucket[]): Promise<StatusMove[]> {
  const last = buckets.at(-1);
  if (!last) return [];
  const snapshots = buckets.map((b) => vietnamDay(b.at));
  const lastDay = snapshots.at(-1)!;
  const cut = new Set(snapshots.filter((d) => !d.endsWith('-01')).map((d) => d.slice(0, 7)));
  const days = [...cut].map((month) => {
    const next = addDays(lastDayOfMonth(`${month}-01`), 1);
    return { lo: `${month}-01`, hi: next < lastDay ? next : lastDay };
  });
  if (days.length > 0) {
    // A plain range per month, not one OR of them: PostgreSQL's planner then keeps to the index.
    for (const d of days) await addKept(tx, sums, sources, ['moveDay'], (eb) => eb.and([eb('key', '>=', d.lo), eb('key', '<', d.hi)]));
  }
  const moves = new Map<string, StatusMove>();
  const add = (bucket: number, from: AppraisalStatus | null, to: AppraisalStatus, n: number) => {
    const k = `${bucket}|${from ?? ''}|${to}`;
    const m = moves.get(k);
    if (m) m.n += n; else moves.set(k, { bucket, from, to, n });
  };
  const bucketOf = (day: string) => snapshots.findIndex((s) => day < s);
  for (const [key, n] of keysOf(sums, 'moveMonth')) {
    const [month, status] = key.split('|') as [string, AppraisalStatus];
    const first = `${month}-01`;
    if (!cut.has(month) && first < lastDay) add(bucketOf(first), null, status, n);
  }
  for (const [key, n] of keysOf(sums, 'moveDay')) {
    const [day, status] = key.split('|') as [string, AppraisalStatus];
    if (cut.has(day.slice(0, 7)) && day < lastDay) add(bucketOf(day), null, status, n);
  }
  const today = startOfVietnamDay(lastDay);
  if (last.at > today) {
    for (const m of await movesSince(tx, scope, today, last.at)) add(buckets.length - 1, m.from as AppraisalStatus | null, m.to as AppraisalStatus, m.n);
  }
  return [...moves.values()];
}

/**
 * Changes of status in [since, until) of the scope's cases, each event compared with the case's previous one. The
 * events of that time first (few, by the index on their time), then their cases: a commune's cases of a long
 * period are many more. CROSS JOIN keeps SQLite to that order (its planner would start from the commune's cases).
 */
async function movesSince(tx: Tx, scope: CountsScope, since: string, until: string): Promise<{ from: ServerStatus | null; to: ServerStatus; n: number }[]> {
  const { rows } = await sql<{ from: ServerStatus | null; to: ServerStatus }>`
    with e as materialized (select case_id, seq, status from case_events where at >= ${since} and at < ${until})
    select e.status as "to", (select p.status from case_events p where p.case_id = e.case_id and p.seq < e.seq
        order by p.seq desc limit 1) as "from"
    from e cross join cases
    where cases.id = e.case_id and cases.status <> 'erased' and cases.created_at >= ${startOfVietnamDay(scope.from)}
      and cases.created_at < ${startOfVietnamDay(addDays(scope.to, 1))}
      ${scope.commune !== null ? sql`and cases.commune_code = ${scope.commune}` : sql``}`.execute(tx);
  const counted = new Map<string, { from: ServerStatus | null; to: ServerStatus; n: number }>();
  for (const r of rows) {
    if (r.from === r.to) continue;
    const k = `${r.from ?? ''}|${r.to}`;
    const c = counted.get(k);
    if (c) c.n += 1; else counted.set(k, { from: r.from ?? null, to: r.to, n: 1 });
  }
  return [...counted.values()];
}

/**
 * The median of each speed: the bins give the count and the bins the middle case (or two) falls in; only those
 * bins are read day by day. The other bins stand in the list by their lower edge, which keeps them in order.
 */
async function speedsOf(tx: Tx, sums: Sums, sources: Sources): Promise<Record<SpeedFigure, Median>> {
  const bins = new Map<SpeedFigure, { bin: number; n: number }[]>();
  const middle = new Map<SpeedFigure, Set<number>>();
  for (const figure of SPEED_FIGURES) {
    const sorted = keysOf(sums, binOf(figure)).map(([k, n]) => ({ bin: Number(k), n })).sort((a, b) => a.bin - b.bin);
    bins.set(figure, sorted);
    const total = sorted.reduce((sum, b) => sum + b.n, 0);
    const ranks = total % 2 === 1 ? [(total - 1) / 2] : total > 0 ? [total / 2 - 1, total / 2] : [];
    const holding = new Set<number>();
    let seen = 0;
    for (const b of sorted) {
      if (ranks.some((r) => r >= seen && r < seen + b.n)) holding.add(b.bin);
      seen += b.n;
    }
    middle.set(figure, holding);
  }
  const daysIn = (figure: SpeedFigure) => [...middle.get(figure)!].flatMap((b) => Array.from({ length: SPEED_BIN }, (_, i) => String(b * SPEED_BIN + i)));
  // A query per speed, not one OR of them: PostgreSQL's planner then keeps to the index.
  for (const f of SPEED_FIGURES) if (middle.get(f)!.size > 0) await addKept(tx, sums, sources, [f], (eb) => eb('key', 'in', daysIn(f)));
  return Object.fromEntries(SPEED_FIGURES.map((figure) => {
    const holding = middle.get(figure)!;
    const list: Weighted[] = [
      ...bins.get(figure)!.filter((b) => !holding.has(b.bin)).map((b) => ({ value: b.bin * SPEED_BIN, count: b.n })),
      ...keysOf(sums, figure).map(([k, n]) => ({ value: Number(k), count: n })).filter((w) => holding.has(Math.floor(w.value / SPEED_BIN))),
    ];
    return [figure, weightedMedian(list)];
  })) as Record<SpeedFigure, Median>;
}

export async function countedFigures(tx: Tx, scope: CountsScope, buckets: readonly Bucket[]): Promise<CountedFigures> {
  const sources = sourcesOf(scope);
  const sums: Sums = new Map();
  await addKept(tx, sums, sources, COARSE_FIGURES);
  const of = (figure: Figure) => new Map(keysOf(sums, figure));
  return {
    byCommune: of('commune'), byMovement: of('movement'), byField: of('field'), byStatus: of('status'),
    priority: priorityOf(sums), publicity: publicityOf(sums),
    moves: await movesOf(tx, sums, sources, scope, buckets),
    speed: await speedsOf(tx, sums, sources),
  };
}
