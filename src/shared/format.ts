// Numbers as Vietnamese readers expect them ("1,2 MB", "1.234").

/** "1.023,5": what Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }) writes, without it — the first
 *  Intl.NumberFormat of a page costs a phone 30–40 ms (ICU's data), and the field app's first screens show sizes.
 *  Rounds like it: half away from zero, on the number's shortest decimal form (1.15 → "1,2"). */
export function formatDecimal1(value: number): string {
  const tenths = Math.round(Math.abs(Number((value * 10).toPrecision(15))));
  const whole = String(Math.floor(tenths / 10)).replace(/\B(?=(\d{3})+$)/g, '.');
  return `${value < 0 ? '-' : ''}${whole}${tenths % 10 ? `,${tenths % 10}` : ''}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${formatDecimal1(value)} ${units[unit]}`;
}

export const formatCount = (n: number): string => new Intl.NumberFormat('vi-VN').format(n);
