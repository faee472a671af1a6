// The figures the report is computed from (report.ts), as the counts give them (counts/read.ts) and as the test's
// oracle computes them straight from the cases (test/support/dashboard-direct-queries.ts).
import type { Median } from '../../shared/dashboard-protocol';
import type { AppraisalStatus } from '../../shared/sync-protocol';
import type { SpeedFigure } from './counts/items';

/** Cases that share the traits the priority shares need. */
export interface PriorityGroupCount { category: string; minority: boolean; proposed: boolean; commended: boolean; n: number }

/** Cases that share the traits the publicity figures need. */
export interface PublicityCount { commended: boolean; published: boolean; consent: boolean; n: number }

/**
 * What happened in a bucket of the status chart: n cases left `from` (null: none, they arrived) and entered `to`.
 * The counts give net changes per status (from null, n below 0 when more cases left `to` than entered it).
 */
export interface StatusMove { bucket: number; from: AppraisalStatus | null; to: AppraisalStatus; n: number }

export interface CountedFigures {
  byCommune: Map<string, number>;
  byMovement: Map<string, number>;
  byField: Map<string, number>;
  byStatus: Map<string, number>;
  priority: PriorityGroupCount[];
  publicity: PublicityCount[];
  moves: StatusMove[];
  speed: Record<SpeedFigure, Median>;
}

/** One group of cases sharing every trait the priority and publicity figures need (the oracle's grouping). */
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

/** Profiles folded into the status, priority and publicity counts. */
export function foldProfiles(profiles: readonly Profile[]): Pick<CountedFigures, 'byStatus' | 'priority' | 'publicity'> {
  const byStatus = new Map<string, number>();
  const priority = new Map<string, PriorityGroupCount>();
  const publicity = new Map<string, PublicityCount>();
  for (const p of profiles) {
    byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + p.n);
    const pk = [p.category, p.minority, p.proposed, p.commended].join('|');
    const g = priority.get(pk);
    if (g) g.n += p.n;
    else priority.set(pk, { category: p.category, minority: p.minority, proposed: p.proposed, commended: p.commended, n: p.n });
    const uk = [p.commended, p.published, p.consent].join('|');
    const u = publicity.get(uk);
    if (u) u.n += p.n;
    else publicity.set(uk, { commended: p.commended, published: p.published, consent: p.consent, n: p.n });
  }
  return { byStatus, priority: [...priority.values()], publicity: [...publicity.values()] };
}
