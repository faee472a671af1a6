// The report's period: quick choices (month, quarter, half year, year) and the page's query string
// (?from=…&to=…&commune=…, the API's names), so a reload or a shared link shows the same report.
import { isIsoDay, lastDayOfMonth, todayIso } from '../../shared/dates';

export interface Period { from: string; to: string }
export interface Selection extends Period { commune: string }

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Months first to last (1–12) of year y. */
const months = (y: number, first: number, last: number): Period => ({ from: day(y, first, 1), to: lastDayOfMonth(day(y, last, 1)) });

export interface Preset { id: string; label: string; period: Period }

export function presets(today = todayIso()): Preset[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const quarter = Math.floor((m - 1) / 3);
  const previous = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
  return [
    { id: 'thang-nay', label: `Tháng ${m}/${y}`, period: months(y, m, m) },
    { id: 'thang-truoc', label: `Tháng ${previous.m}/${previous.y}`, period: months(previous.y, previous.m, previous.m) },
    { id: 'quy-nay', label: `Quý ${quarter + 1}/${y}`, period: months(y, quarter * 3 + 1, quarter * 3 + 3) },
    { id: '6-thang-dau', label: `6 tháng đầu năm ${y}`, period: months(y, 1, 6) },
    { id: 'nam-nay', label: `Năm ${y}`, period: months(y, 1, 12) },
    { id: 'nam-truoc', label: `Năm ${y - 1}`, period: months(y - 1, 1, 12) },
  ];
}

const DEFAULT_PRESET = 'nam-nay';

export function readSelection(search: string, choosesCommune: boolean): Selection {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const commune = choosesCommune ? params.get('commune') ?? '' : '';
  if (isIsoDay(from) && isIsoDay(to)) return { from, to, commune };
  return { ...presets().find((p) => p.id === DEFAULT_PRESET)!.period, commune };
}

export function selectionQuery(s: Selection): string {
  const params = new URLSearchParams({ from: s.from, to: s.to });
  if (s.commune) params.set('commune', s.commune);
  return params.toString();
}
