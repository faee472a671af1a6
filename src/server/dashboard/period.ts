// A report's period in Vietnam's days (UTC+7), turned into the UTC instants cases are stamped with, and cut
// into the weeks or months of the status chart. Pure.
import { DASHBOARD_WEEKLY_MAX_DAYS } from '../../shared/dashboard-protocol';
import { todayIso } from '../../shared/dates';

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const dayMs = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00.000Z`);
const isoOfDayMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (isoDay: string, n: number): string => isoOfDayMs(dayMs(isoDay) + n * DAY_MS);

/** Whole days from one ISO day to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** The instant a Vietnamese day begins, as stored times are written ("2026-03-31T17:00:00.000Z" for 01/04). */
export const startOfVietnamDay = (isoDay: string): string => new Date(dayMs(isoDay) - VIETNAM_OFFSET_MS).toISOString();

/** The Vietnamese day of a stored time, or of its first 13 characters ("2026-03-31T17" → "2026-04-01"). */
export const vietnamDayOf = (isoTime: string): string =>
  todayIso(Date.parse(isoTime.length === 13 ? `${isoTime}:00:00.000Z` : isoTime));

/** Calendar months touched by the period, both ends counted ("2026-01-31".."2026-02-01" → 2). */
export function monthsSpanned(from: string, to: string): number {
  const months = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
  return months(to) - months(from) + 1;
}

export interface Period {
  from: string;
  to: string;
  /** created_at >= lo and created_at < hi */
  lo: string;
  hi: string;
}

export function periodOf(from: string, to: string): Period {
  return { from, to, lo: startOfVietnamDay(from), hi: startOfVietnamDay(addDays(to, 1)) };
}

export interface Bucket { start: string; end: string; at: string }

/**
 * Weeks (counted from the first day of the period) for a short period, else calendar months clipped to it.
 * Each bucket's snapshot is taken when it ends, or now for the bucket still running; buckets that have not
 * begun yet are left out.
 */
export function bucketsOf(period: Period, asOf: string): { unit: 'week' | 'month'; buckets: Bucket[] } {
  const weekly = daysBetween(period.from, period.to) + 1 <= DASHBOARD_WEEKLY_MAX_DAYS;
  const buckets: Bucket[] = [];
  for (let start = period.from; start <= period.to;) {
    if (startOfVietnamDay(start) > asOf) break;
    const natural = weekly ? addDays(start, 6) : lastDayOfMonth(start);
    const end = natural < period.to ? natural : period.to;
    const endsAt = startOfVietnamDay(addDays(end, 1));
    buckets.push({ start, end, at: endsAt < asOf ? endsAt : asOf });
    start = addDays(end, 1);
  }
  return { unit: weekly ? 'week' : 'month', buckets };
}

function lastDayOfMonth(isoDay: string): string {
  const y = Number(isoDay.slice(0, 4));
  const m = Number(isoDay.slice(5, 7));
  return isoOfDayMs(Date.UTC(y, m, 1) - DAY_MS);
}
