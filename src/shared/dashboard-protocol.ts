// The directive's dashboard (GET /api/review/dashboard, reviewers and admins only): the figures of one period in
// the reviewer's area. Types, the path and the period's rules (pure: the period form and the server's query schema,
// server/dashboard/query.ts, both check with them).
//
// The period is a range of days in Vietnam's time (UTC+7), both ends included; a case belongs to it when its
// first receipt by the server (created_at) falls in it. Figures about what happened to those cases afterwards
// (proposed, commended, published, decision times) are as of `asOf`, the moment the report was computed.
import { DAY_RANGE_REVERSED, isDayRange, monthsSpanned } from './dates';
import type { Authority } from './batch-protocol';
import type { AppraisalStatus, ServerStatus } from './sync-protocol';

export const dashboardApi = (query: string): string => `/api/review/dashboard${query ? `?${query}` : ''}`;

/**
 * The official Báo cáo of the same figures (same query, plus optional number, signerTitle, signerName): a DOCX to
 * edit, sign and stamp, or a print page.
 */
export const officialReportApi = (format: 'docx' | 'html', query: string): string => `/api/review/dashboard/report.${format}?${query}`;

/** Query parameters: from, to (yyyy-mm-dd, both included), commune (optional, a commune code in the area). */
export interface DashboardQuery { from: string; to: string; commune?: string }

/** The longest period one report covers (the status chart stays readable: at most 60 monthly columns). */
export const DASHBOARD_MAX_MONTHS = 60;

/** What is wrong with a period of two real ISO days (reported on its end): reversed, or too long; else undefined. */
export function periodProblem(from: string, to: string): string | undefined {
  if (!isDayRange(from, to)) return DAY_RANGE_REVERSED;
  if (monthsSpanned(from, to) > DASHBOARD_MAX_MONTHS) return `Kỳ báo cáo dài tối đa ${DASHBOARD_MAX_MONTHS} tháng`;
  return undefined;
}

/** Periods up to this many days are charted week by week, longer ones month by month. */
export const DASHBOARD_WEEKLY_MAX_DAYS = 91;

export interface CountRow {
  id: string;
  name: string;
  count: number;
  /** An entry an administrator has retired (old cases still name it). */
  retired?: boolean;
}

export interface StatusBucket {
  /** First and last day of the bucket (ISO, Vietnam time), clipped to the period. */
  start: string;
  end: string;
  /** The moment the snapshot was taken: the end of the bucket, or `asOf` for a bucket not over yet. */
  at: string;
  /** Cases of the period received by then, by their status at that moment. */
  counts: Record<AppraisalStatus, number>;
}

export interface StatusOverTime { unit: 'week' | 'month'; buckets: StatusBucket[] }

export const PRIORITY_GROUPS = ['reported', 'proposed', 'commended'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

export interface PriorityRow {
  /** A subject category id, or ETHNIC_MINORITY_ROW / ANY_PRIORITY_ROW. */
  id: string;
  name: string;
  kind: 'category' | 'ethnic-minority' | 'any';
  retired?: boolean;
  /** How many cases of each group are in this row (the denominator is `PriorityShares.totals`). */
  counts: Record<PriorityGroup, number>;
}

export const ETHNIC_MINORITY_ROW = 'dan-toc-thieu-so';
export const ANY_PRIORITY_ROW = 'nhom-uu-tien';

export interface PriorityShares {
  /** reported: every case of the period; proposed / commended: those that ever reached that status. */
  totals: Record<PriorityGroup, number>;
  rows: PriorityRow[];
}

/** A median of whole days and the number of cases it is computed on (days null when n = 0). */
export interface Median { days: number | null; n: number }

export interface Speed {
  /** Deed date → the day of the first receipt. */
  deedToReport: Median;
  /** Day of the first receipt → commendation decision date (commended cases). */
  reportToCommendation: Median;
  /** The move to "proposed" (the latest one before the decision) → commendation decision date (commended cases). */
  proposalToDecision: Median;
  /** Day of the first receipt → the day the case was found not eligible (rejected cases). */
  reportToRejection: Median;
}

export interface Publicity {
  /** Cases of the period on the bulletin now (published_at set). */
  published: number;
  /** Cases of the period ever commended, those of them on the bulletin, and those whose subject consented. */
  commended: number;
  commendedPublished: number;
  commendedConsenting: number;
}

/**
 * Proposal batches submitted and not yet decided (now, whatever the period), at one authority: a commune's
 * chairman (one row per commune), the province's chairman, or upward. For a commune, the batches holding its
 * cases; `cases` counts only the area's cases.
 */
export interface PendingBatches {
  authority: Authority;
  /** The commune of a commune batch; null for the province and upward. */
  commune: string | null;
  /** "Chủ tịch UBND xã Mường Kim", "Chủ tịch UBND tỉnh", … */
  name: string;
  batches: number;
  cases: number;
  /** The earliest submission still waiting (ISO time). */
  oldestSubmittedAt: string;
}

export interface DashboardReport {
  period: { from: string; to: string };
  /** A commune code, or PROVINCE_AREA; with its label ("Xã Mường Kim", "toàn tỉnh Lai Châu"). */
  area: { code: string; label: string };
  asOf: string;
  total: number;
  byStatus: Record<AppraisalStatus, number>;
  byCommune: CountRow[];
  byMovement: CountRow[];
  byFieldOfLife: CountRow[];
  statusOverTime: StatusOverTime;
  priority: PriorityShares;
  speed: Speed;
  publicity: Publicity;
  pendingBatches: PendingBatches[];
}
