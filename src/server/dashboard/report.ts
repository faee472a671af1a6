// GET /api/review/dashboard: the directive's figures for one period in the reviewer's area — counts, the status
// of the period's cases over time, the share of priority groups, speed, publicity. One read-only transaction,
// so the figures agree with each other.
import {
  ANY_PRIORITY_ROW, ETHNIC_MINORITY_ROW, PRIORITY_GROUPS,
  type CountRow, type DashboardReport, type PriorityGroup, type PriorityRow, type StatusOverTime,
} from '../../shared/dashboard-protocol';
import { communeLabel, communes } from '../../shared/reference';
import { byVietnamese } from '../../shared/text';
import { APPRAISAL_STATUSES, PROVINCE_AREA, type AppraisalStatus, type ServerStatus, type SessionUser } from '../../shared/sync-protocol';
import { areaLabel } from '../../shared/reference';
import { inArea } from '../accounts/areas';
import type { Db } from '../db/connect';
import type { Tx } from '../db/transaction';
import { forbidden } from '../http/errors';
import { countedFigures, type CountsScope } from './counts/read';
import type { CountedFigures, PriorityGroupCount, StatusMove } from './figures';
import { listEntries, type ListEntryRow } from './lists';
import { bucketsOf, periodOf, type Bucket } from './period';
import { pendingBatches } from './pending';
import type { DashboardQueryInput } from './query';

const zeroByStatus = (): Record<AppraisalStatus, number> =>
  Object.fromEntries(APPRAISAL_STATUSES.map((s) => [s, 0])) as Record<AppraisalStatus, number>;

/** Most cases first; ties keep the list's order. Entries no case names are kept unless retired. */
function countRows(entries: readonly { id: string; name: string; retired?: boolean }[], counts: Map<string, number>): CountRow[] {
  const known = new Set(entries.map((e) => e.id));
  const rows: CountRow[] = entries
    .map((e) => ({ id: e.id, name: e.name, count: counts.get(e.id) ?? 0, ...(e.retired ? { retired: true } : {}) }))
    .filter((r) => r.count > 0 || !r.retired);
  // An id no list names any more (should not happen: entries are retired, never deleted) still counts.
  for (const [id, count] of counts) if (!known.has(id)) rows.push({ id, name: id, count });
  return rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.count - a.r.count || a.i - b.i).map(({ r }) => r);
}

function statusOverTime(unit: StatusOverTime['unit'], buckets: readonly Bucket[], moves: readonly StatusMove[]): StatusOverTime {
  const running = zeroByStatus();
  return {
    unit,
    buckets: buckets.map((b, i) => {
      for (const m of moves) {
        if (m.bucket !== i) continue;
        if (m.from) running[m.from] -= m.n;
        running[m.to] += m.n;
      }
      return { ...b, counts: { ...running } };
    }),
  };
}

function priorityShares(categories: readonly ListEntryRow[], groups: readonly PriorityGroupCount[]): DashboardReport['priority'] {
  const inGroup: Record<PriorityGroup, (p: PriorityGroupCount) => boolean> = { reported: () => true, proposed: (p) => p.proposed, commended: (p) => p.commended };
  const priority = categories.filter((c) => c.priority);
  const priorityIds = new Set(priority.map((c) => c.id));
  const tally = (holds: (p: PriorityGroupCount) => boolean): Record<PriorityGroup, number> => Object.fromEntries(PRIORITY_GROUPS.map((g) =>
    [g, groups.filter((p) => inGroup[g](p) && holds(p)).reduce((sum, p) => sum + p.n, 0)])) as Record<PriorityGroup, number>;
  const rows: PriorityRow[] = [
    ...priority.map((c): PriorityRow => ({
      id: c.id, name: c.name, kind: 'category', ...(c.retired ? { retired: true } : {}), counts: tally((p) => p.category === c.id),
    })),
    { id: ETHNIC_MINORITY_ROW, name: 'Người dân tộc thiểu số', kind: 'ethnic-minority', counts: tally((p) => p.minority) },
    { id: ANY_PRIORITY_ROW, name: 'Thuộc ít nhất một nhóm ưu tiên', kind: 'any', counts: tally((p) => p.minority || priorityIds.has(p.category)) },
  ];
  return { totals: tally(() => true), rows };
}

/** Where the report's counts come from: dashboard_counts; the test's oracle reads them from the cases instead. */
export type FiguresReader = (tx: Tx, scope: CountsScope, buckets: readonly Bucket[]) => Promise<CountedFigures>;

export async function dashboardReport(
  db: Db, user: SessionUser, q: DashboardQueryInput, now = new Date(), figuresOf: FiguresReader = countedFigures,
): Promise<DashboardReport> {
  if (q.commune && !inArea(user.area, q.commune)) {
    throw forbidden(`Xã này không thuộc địa bàn của tài khoản (${areaLabel(user.area)})`);
  }
  const commune = q.commune ?? (user.area === PROVINCE_AREA ? null : user.area);
  const period = periodOf(q.from, q.to);
  const asOf = now.toISOString();
  const { unit, buckets } = bucketsOf(period, asOf);

  const read = await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (tx) => ({
    ...await figuresOf(tx, { from: period.from, to: period.to, commune }, buckets),
    pending: await pendingBatches(tx, commune),
    movements: await listEntries(tx, 'movements'),
    fields: await listEntries(tx, 'fieldsOfLife'),
    categories: await listEntries(tx, 'subjectCategories'),
  }));

  const areaCommunes = communes.filter((c) => !commune || c.code === commune)
    .map((c) => ({ id: c.code, name: communeLabel(c.code) }))
    .sort(byVietnamese((c) => c.name));
  const byStatus = zeroByStatus();
  for (const [status, n] of read.byStatus) byStatus[status as AppraisalStatus] += n;
  const publicity = (holds: (p: CountedFigures['publicity'][number]) => boolean) => read.publicity.filter(holds).reduce((total, p) => total + p.n, 0);

  return {
    period: { from: period.from, to: period.to },
    area: { code: commune ?? PROVINCE_AREA, label: areaLabel(commune ?? PROVINCE_AREA) },
    asOf,
    total: [...read.byStatus.values()].reduce((total, n) => total + n, 0),
    byStatus,
    byCommune: countRows(areaCommunes, read.byCommune),
    byMovement: countRows(read.movements, read.byMovement),
    byFieldOfLife: countRows(read.fields, read.byField),
    statusOverTime: statusOverTime(unit, buckets, read.moves),
    priority: priorityShares(read.categories, read.priority),
    speed: {
      deedToReport: read.speed.deedToReport,
      reportToCommendation: read.speed.reportToCommendation,
      reportToRejection: read.speed.reportToRejection,
      proposalToDecision: read.speed.proposalToDecision,
    },
    publicity: {
      published: publicity((p) => p.published),
      commended: publicity((p) => p.commended),
      commendedPublished: publicity((p) => p.commended && p.published),
      commendedConsenting: publicity((p) => p.commended && p.consent),
    },
    pendingBatches: read.pending,
  };
}
