// Dates as the UI shows them (dd/mm/yyyy) and as they are stored (ISO yyyy-mm-dd). Pure.

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/** A timestamp (ms) as "dd/mm/yyyy hh:mm" in Vietnam's time zone. */
export function formatDateTime(ms: number): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Today in Vietnam as an ISO day. */
export function todayIso(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Auto-inserts the slashes while a user types digits: "0503" → "05/03". */
export function maskDmy(typed: string): string {
  const digits = typed.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}
