// The report's figures read from dashboard_counts: the period cut into whole months and the days at its edges,
// each a range of rows of the area (a commune, or '' for the province), summed per figure and key.
import { addDays, lastDayOfMonth, startOfVietnamDay, vietnamDay } from '../../../shared/dates';
import type { AppraisalStatus, ServerStatus } from '../../../shared/sync-protocol';
import type { Tx } from '../../db/transaction';
import type { Weighted } from '../median';
import type { Bucket } from '../period';
import type { Profile, StatusMove } from '../figures';
import { FIGURES, type Figure, type Grain, type SpeedFigure } from './contribution';

export interface CountsScope { from: string; to: string; commune: string | null }

export interface CountedFigures {
  byCommune: Map<string, number>;
  byMovement: Map<string, number>;
  byField: Map<string, number>;
  profiles: Profile[];
  moves: StatusMove[];
  speed: Record<SpeedFigure, Weighted[]>;
}

/** [from, to] as ranges of rows: whole months as month rows, the days before and after them as day rows. */
export function periodRanges(from: string, to: string): { grain: Grain; lo: string; hi: string }[] {
  const firstWhole = from.endsWith('-01') ? from : addDays(lastDayOfMonth(from), 1);
  const lastWhole = lastDayOfMonth(to) === to ? to : addDays(`${to.slice(0, 8)}01`, -1);
  if (firstWhole > lastWhole) return [{ grain: 'day', lo: from, hi: to }];
  const ranges: { grain: Grain; lo: string; hi: string }[] = [{ grain: 'month', lo: firstWhole.slice(0, 7), hi: lastWhole.slice(0, 7) }];
  if (from < firstWhole) ranges.push({ grain: 'day', lo: from, hi: addDays(firstWhole, -1) });
  if (lastWhole < to) ranges.push({ grain: 'day', lo: addDays(lastWhole, 1), hi: to });
  return ranges;
}

async function sums(tx: Tx, scope: CountsScope): Promise<Map<Figure, Map<string, number>>> {
  const byFigure = new Map<Figure, Map<string, number>>(FIGURES.map((f) => [f, new Map()]));
  for (const range of periodRanges(scope.from, scope.to)) {
    const rows = await tx.selectFrom('dashboard_counts')
      .select((eb) => ['figure', 'key', eb.fn.sum<number | string>('n').as('n')])
      .where('grain', '=', range.grain).where('commune', '=', scope.commune ?? '')
      .where('period', '>=', range.lo).where('period', '<=', range.hi)
      .groupBy(['figure', 'key'])
      .orderBy('figure').orderBy('key')
      .execute();
    for (const r of rows) {
      const keys = byFigure.get(r.figure as Figure);
      if (keys) keys.set(r.key, (keys.get(r.key) ?? 0) + Number(r.n));
    }
  }
  for (const keys of byFigure.values()) for (const [k, n] of keys) if (n === 0) keys.delete(k);
  return byFigure;
}

const bit = (s: string | undefined) => s === '1';

function profilesOf(keys: Map<string, number>): Profile[] {
  return [...keys].map(([key, n]) => {
    const [category, status, minority, proposed, commended, published, consent] = key.split('|');
    return {
      category: category!, status: status as AppraisalStatus, n, minority: bit(minority), proposed: bit(proposed),
      commended: bit(commended), published: bit(published), consent: bit(consent),
    };
  });
}

/**
 * Each bucket takes the moves made before its snapshot. A snapshot is the start of a Vietnam day, except "now"
 * for a bucket still running: the counts give the moves of the days before today, today's are read from the
 * events themselves up to now (few, and by the index on their time).
 */
async function movesOf(tx: Tx, keys: Map<string, number>, scope: CountsScope, buckets: readonly Bucket[]): Promise<StatusMove[]> {
  const last = buckets.at(-1);
  if (!last) return [];
  const bucketDays = buckets.map((b) => vietnamDay(b.at));
  const lastDay = bucketDays.at(-1)!;
  const moves = new Map<string, StatusMove>();
  const add = (bucket: number, from: AppraisalStatus | null, to: AppraisalStatus, n: number) => {
    const k = `${bucket}|${from ?? ''}|${to}`;
    const m = moves.get(k);
    if (m) m.n += n; else moves.set(k, { bucket, from, to, n });
  };
  for (const [key, n] of keys) {
    const [day, from, to] = key.split('|') as [string, string, AppraisalStatus];
    if (day >= lastDay) continue;
    add(bucketDays.findIndex((d) => day < d), (from || null) as AppraisalStatus | null, to, n);
  }
  const today = startOfVietnamDay(lastDay);
  if (last.at > today) {
    for (const m of await movesSince(tx, scope, today, last.at)) add(buckets.length - 1, m.from as AppraisalStatus | null, m.to as AppraisalStatus, m.n);
  }
  return [...moves.values()];
}

/** Changes of status in [since, until) of the scope's cases, each event compared with the case's previous one. */
async function movesSince(tx: Tx, scope: CountsScope, since: string, until: string): Promise<{ from: ServerStatus | null; to: ServerStatus; n: number }[]> {
  const rows = await tx.selectFrom('case_events as e')
    .innerJoin('cases', 'cases.id', 'e.case_id')
    .where('e.at', '>=', since).where('e.at', '<', until)
    .where('cases.status', '<>', 'erased')
    .where('cases.created_at', '>=', startOfVietnamDay(scope.from))
    .where('cases.created_at', '<', startOfVietnamDay(addDays(scope.to, 1)))
    .$if(scope.commune !== null, (q) => q.where('cases.commune_code', '=', scope.commune!))
    .select((eb) => ['e.status as to', eb.selectFrom('case_events as p').select('p.status')
      .whereRef('p.case_id', '=', 'e.case_id').whereRef('p.seq', '<', 'e.seq')
      .orderBy('p.seq', 'desc').limit(1).as('from')])
    .execute();
  const counted = new Map<string, { from: ServerStatus | null; to: ServerStatus; n: number }>();
  for (const r of rows) {
    if (r.from === r.to) continue;
    const k = `${r.from ?? ''}|${r.to}`;
    const c = counted.get(k);
    if (c) c.n += 1; else counted.set(k, { from: r.from ?? null, to: r.to, n: 1 });
  }
  return [...counted.values()];
}

const weighted = (keys: Map<string, number> | undefined): Weighted[] => [...(keys ?? [])].map(([days, count]) => ({ value: Number(days), count }));

export async function countedFigures(tx: Tx, scope: CountsScope, buckets: readonly Bucket[]): Promise<CountedFigures> {
  const byFigure = await sums(tx, scope);
  const of = (f: Figure) => byFigure.get(f)!;
  return {
    byCommune: of('commune'), byMovement: of('movement'), byField: of('field'),
    profiles: profilesOf(of('profile')),
    moves: await movesOf(tx, of('move'), scope, buckets),
    speed: {
      deedToReport: weighted(of('deedToReport')), reportToCommendation: weighted(of('reportToCommendation')),
      reportToRejection: weighted(of('reportToRejection')), proposalToDecision: weighted(of('proposalToDecision')),
    },
  };
}
