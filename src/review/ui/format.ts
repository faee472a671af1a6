// How the review workspace writes times, names and commendations (Vietnam's time zone, dd/mm/yyyy).
import type { Commendation } from '../../shared/review-protocol';
import { communeLabel, communes, entryName, type EditableLists } from '../../shared/reference';
import type { Choice } from '../../ui/fields';
import { formatDateTime, formatDmy, vietnamDay } from '../../shared/dates';

/** The 38 communes as select options, labelled "Xã …" / "Phường …" in Vietnamese order. */
export const communeChoices: Choice[] = communes.map((c) => ({ value: c.code, label: communeLabel(c.code) }));

/** An ISO timestamp as "dd/mm/yyyy HH:mm" (Vietnam). */
export const dateTimeOf = (iso: string): string => formatDateTime(iso);

/** An ISO timestamp as "dd/mm/yyyy" (Vietnam). */
export const dayOf = (iso: string): string => formatDmy(vietnamDay(iso));

export const formName = (lists: EditableLists, id: string | null | undefined): string => entryName(lists.commendationForms, id ?? undefined);

export function decisionText(number: string | null, date: string | null): string {
  if (!number) return '';
  return `Quyết định số ${number}${date ? ` ngày ${formatDmy(date)}` : ''}`;
}

/** "Giấy khen … — Quyết định số 125/QĐ-UBND ngày 01/08/2026", or "" when nothing is proposed yet. */
export const commendationText = (lists: EditableLists, c: Commendation): string =>
  [formName(lists, c.formId), decisionText(c.decisionNumber, c.decisionDate)].filter(Boolean).join(' — ');
