// Numbers as the dashboard and the official report print them (Vietnamese: "1.234", "12,5 %", "9,5 ngày").
import { formatCount } from './format';
import type { Median } from './dashboard-protocol';

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export const count = formatCount;

/** "3/8 (37,5 %)", or "0/0" when the group is empty (no share of nothing). */
export function share(n: number, total: number): string {
  return total > 0 ? `${formatCount(n)}/${formatCount(total)} (${percent.format(n / total)})` : '0/0';
}

export const ratio = (n: number, total: number): number => (total > 0 ? n / total : 0);

export const percentOf = (n: number, total: number): string => (total > 0 ? percent.format(n / total) : '—');

export function medianDays(m: Median): string {
  return m.days === null ? 'chưa có hồ sơ' : `${decimal.format(m.days)} ngày`;
}
