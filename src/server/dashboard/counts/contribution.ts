// What one case adds to the dashboard's counts, from its row and its events (in seq order): pure, so the writes
// (keep.ts), the recount (recount.ts) and the tests all compute it the same way. The definitions are the report's
// (report.ts, shared/dashboard-protocol.ts); each item is a (figure, key) the case adds 1 to, at four levels:
// its day and its month of first receipt in Vietnam, each for its commune and for the whole province ('').
import { daysBetween, vietnamDay } from '../../../shared/dates';
import { KINH_CODE } from '../../../shared/reference';
import type { ServerStatus } from '../../../shared/sync-protocol';
import type { CaseEventKind } from '../../db/schema';

/**
 * commune, movement, field: key is the list entry's id. profile: "category|status|minority|proposed|commended|
 * published|consent" (flags 0/1). move: "eventDay|from|to", a change of status (from '' when the case arrived).
 * The four speed figures: key is a number of days.
 */
export const FIGURES = ['commune', 'movement', 'field', 'profile', 'move', 'deedToReport', 'reportToCommendation', 'reportToRejection', 'proposalToDecision'] as const;
export type Figure = (typeof FIGURES)[number];
export type SpeedFigure = Extract<Figure, 'deedToReport' | 'reportToCommendation' | 'reportToRejection' | 'proposalToDecision'>;

/** The columns of cases a contribution reads. */
export const CASE_COLUMNS = [
  'id', 'status', 'created_at', 'commune_code', 'movement_id', 'field_of_life_id', 'subject_category_id',
  'ethnicity_code', 'published_at', 'consent_publication', 'deed_date', 'decision_date',
] as const;
export interface CaseFacts {
  id: string; status: ServerStatus; created_at: string; commune_code: string; movement_id: string; field_of_life_id: string;
  subject_category_id: string; ethnicity_code: string | null; published_at: string | null; consent_publication: number;
  deed_date: string; decision_date: string | null;
}

export const EVENT_COLUMNS = ['case_id', 'kind', 'status', 'from_status', 'at'] as const;
export interface EventFacts { case_id: string; kind: CaseEventKind; status: ServerStatus; from_status: ServerStatus | null; at: string }

export type Grain = 'day' | 'month';
/** A row of dashboard_counts without its n: grain, commune, period, figure, key joined by tabs. */
export type CountKey = string;
export const countKey = (grain: Grain, commune: string, period: string, figure: Figure, key: string): CountKey =>
  [grain, commune, period, figure, key].join('\t');
export function splitCountKey(k: CountKey): { grain: Grain; commune: string; period: string; figure: Figure; key: string } {
  const [grain, commune, period, figure, key] = k.split('\t') as [Grain, string, string, Figure, string];
  return { grain, commune, period, figure, key };
}

const flag = (b: boolean) => (b ? '1' : '0');

/** The (figure, key) items the case adds 1 to, once per occurrence; none for an erased case (it counts nowhere). */
export function caseItems(c: CaseFacts, events: readonly EventFacts[]): [Figure, string][] {
  if (c.status === 'erased') return [];
  const day = vietnamDay(c.created_at);
  const reached = (s: ServerStatus) => events.some((e) => e.status === s);
  const minority = c.ethnicity_code !== null && c.ethnicity_code !== KINH_CODE;
  const items: [Figure, string][] = [
    ['commune', c.commune_code], ['movement', c.movement_id], ['field', c.field_of_life_id],
    ['profile', [c.subject_category_id, c.status, flag(minority), flag(reached('proposed')), flag(reached('commended')),
      flag(c.published_at !== null), flag(Number(c.consent_publication) === 1)].join('|')],
    ['deedToReport', String(daysBetween(c.deed_date, day))],
  ];
  let previous: ServerStatus | null = null;
  for (const e of events) {
    // Compared with the previous event (the log's order), not with from_status: that is what the chart counts.
    if (previous !== e.status) items.push(['move', `${vietnamDay(e.at)}|${previous ?? ''}|${e.status}`]);
    previous = e.status;
    if (e.kind === 'status' && e.status === 'rejected') items.push(['reportToRejection', String(daysBetween(day, vietnamDay(e.at)))]);
  }
  if (c.decision_date !== null) {
    items.push(['reportToCommendation', String(daysBetween(day, c.decision_date))]);
    // The latest move to "proposed" before the decision's day ended in Vietnam (17:00 UTC), by its hour.
    const proposals = events.filter((e) => e.status === 'proposed' && e.from_status !== 'proposed' && e.at < `${c.decision_date}T17`);
    if (proposals.length > 0) {
      const hour = proposals.map((e) => e.at.slice(0, 13)).reduce((a, b) => (b > a ? b : a));
      items.push(['proposalToDecision', String(daysBetween(vietnamDay(`${hour}:00:00.000Z`), c.decision_date))]);
    }
  }
  return items;
}

/** Adds the case's items at its four levels to `into`, each times `sign` (-1 takes a former contribution away). */
export function addContribution(into: Map<CountKey, number>, c: CaseFacts, events: readonly EventFacts[], sign: 1 | -1): void {
  const day = vietnamDay(c.created_at);
  const levels: [Grain, string, string][] = [
    ['day', c.commune_code, day], ['day', '', day], ['month', c.commune_code, day.slice(0, 7)], ['month', '', day.slice(0, 7)],
  ];
  for (const [figure, key] of caseItems(c, events)) {
    for (const [grain, commune, period] of levels) {
      const k = countKey(grain, commune, period, figure, key);
      into.set(k, (into.get(k) ?? 0) + sign);
    }
  }
}
