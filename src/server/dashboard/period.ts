// A report's period in Vietnam's days (UTC+7), turned into the UTC instants cases are stamped with, and cut
// into the weeks or months of the status chart. Pure.
import { DASHBOARD_WEEKLY_MAX_DAYS } from '../../shared/dashboard-protocol';
import { addDays, daysBetween, lastDayOfMonth, startOfVietnamDay, vietnamDay } from '../../shared/dates';

/** The Vietnamese day of a stored time, or of its first 13 characters ("2026-03-31T17" → "2026-04-01"). */
export const vietnamDayOf = (isoTime: string): string => vietnamDay(isoTime.length === 13 ? `${isoTime}:00:00.000Z` : isoTime);

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
