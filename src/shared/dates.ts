// Dates as the UI shows them (dd/mm/yyyy) and as they are stored (ISO yyyy-mm-dd); days and times in Vietnam;
// a range of days and its one message. Pure.

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Vietnam keeps UTC+7 all year (no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function isRealDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** "05/03/2026" → "2026-03-05"; null when it is not a real calendar day. */
export function parseDmy(text: string): string | null {
  const m = DMY.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDay(y, mo, d)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  return !!m && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** "2026-03-05" → "05/03/2026"; other text is returned unchanged. */
export function formatDmy(isoDay: string): string {
  const m = ISO_DAY.exec(isoDay);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDay;
}

/** Auto-inserts the slashes while a user types digits: "0503" → "05/03". */
export function maskDmy(typed: string): string {
  const digits = typed.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

// ---- calendar arithmetic on ISO days --------------------------------------------------------------

const dayMs = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00.000Z`);
const isoOfDayMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (isoDay: string, n: number): string => isoOfDayMs(dayMs(isoDay) + n * DAY_MS);

/** Whole days from one ISO day to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** The last day of the month of `isoDay` ("2024-02-10" → "2024-02-29"). */
export const lastDayOfMonth = (isoDay: string): string =>
  isoOfDayMs(Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)), 1) - DAY_MS);

/** Calendar months touched from one ISO day to another, both ends counted ("2026-01-31".."2026-02-01" → 2). */
export function monthsSpanned(from: string, to: string): number {
  const months = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
  return months(to) - months(from) + 1;
}

// ---- Vietnam's time ---------------------------------------------------------------------------------

/** An instant: milliseconds since the epoch, a Date, or an ISO time as stored ("2026-03-31T17:00:00.000Z"). */
export type Instant = number | string | Date;

const msOf = (at: Instant): number => (typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime());

/** A Date whose UTC fields (getUTCHours…, toISOString) read Vietnam's wall clock at that instant. */
export const vietnamWallClock = (at: Instant): Date => new Date(msOf(at) + VIETNAM_OFFSET_MS);

/** The calendar day (ISO) an instant falls on in Vietnam: "2026-03-31T17:00:00.000Z" → "2026-04-01". */
export const vietnamDay = (at: Instant): string => vietnamWallClock(at).toISOString().slice(0, 10);

/** Today in Vietnam as an ISO day. */
export const todayIso = (now: number = Date.now()): string => vietnamDay(now);

/** The instant a day in Vietnam begins, as stored times are written: "2026-04-01" → "2026-03-31T17:00:00.000Z". */
export const startOfVietnamDay = (isoDay: string): string => new Date(dayMs(isoDay) - VIETNAM_OFFSET_MS).toISOString();

/** An instant as "dd/mm/yyyy hh:mm" in Vietnam. */
export function formatDateTime(at: Instant): string {
  const clock = vietnamWallClock(at).toISOString();
  return `${formatDmy(clock.slice(0, 10))} ${clock.slice(11, 16)}`;
}

// ---- a range of days ----------------------------------------------------------------------------------

/** The one wording, in every form and answer, for a range whose end comes before its start. */
export const DAY_RANGE_REVERSED = 'Ngày kết thúc không được trước ngày bắt đầu';
const NOT_A_DAY = 'Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy';

/** A range of ISO days is in order when it ends on or after its start (one day is a range). */
export const isDayRange = (from: string, to: string): boolean => from <= to;

export interface TypedDayRange {
  /** ISO days; undefined when not typed (or not a real day). */
  from: string | undefined;
  to: string | undefined;
  errors: { from?: string; to?: string };
}

/**
 * Two days typed dd/mm/yyyy, as ISO days with the messages to show beside them: not a real day; missing, when
 * `missing` gives the messages (else an empty field means "no bound"); the end before the start (on the end).
 */
export function readDayRange(fromText: string, toText: string, missing?: { from: string; to: string }): TypedDayRange {
  const errors: TypedDayRange['errors'] = {};
  const read = (text: string, end: 'from' | 'to'): string | undefined => {
    const day = text ? parseDmy(text) : undefined;
    if (day === null) errors[end] = NOT_A_DAY;
    else if (day === undefined && missing) errors[end] = missing[end];
    return day ?? undefined;
  };
  const from = read(fromText, 'from');
  const to = read(toText, 'to');
  if (from && to && !isDayRange(from, to)) errors.to = DAY_RANGE_REVERSED;
  return { from, to, errors };
}
