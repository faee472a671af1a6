// An administrator's unsaved edits to one reference list, as pure functions: the active entries in order, the
// retired ones apart. Saving sends the active entries only (the server retires the others, never deletes them).
import type { CommendationForm, ListEntry } from '../../shared/reference';
import type { EditableListName, FormLevel, ReferenceEntryInput } from '../../shared/reference-protocol';
import { foldVietnamese } from '../../shared/text';

export interface DraftEntry { id: string; name: string; level: FormLevel | null; priority: boolean; added: boolean }
export interface Draft { active: DraftEntry[]; retired: DraftEntry[] }

const toDraft = (e: ListEntry & Partial<Pick<CommendationForm, 'level'>>): DraftEntry =>
  ({ id: e.id, name: e.name, level: (e.level as FormLevel | undefined) ?? null, priority: e.priority === true, added: false });

export function draftOf(entries: readonly ListEntry[]): Draft {
  return { active: entries.filter((e) => !e.retired).map(toDraft), retired: entries.filter((e) => e.retired).map(toDraft) };
}

const MAX_SLUG = 48;

/** An id made from the name ("Phong trào Dân vận khéo" → "phong-trao-dan-van-kheo"), unlike every id in `taken`. */
export function idFor(name: string, taken: ReadonlySet<string>): string {
  const base = foldVietnamese(name).replace(/[^a-z0-9]+/g, '-').slice(0, MAX_SLUG).replace(/^-+|-+$/g, '') || 'muc';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const ids = (draft: Draft) => new Set([...draft.active, ...draft.retired].map((e) => e.id));

export function addEntry(draft: Draft, name: string, level: FormLevel | null, priority: boolean): Draft {
  const entry: DraftEntry = { id: idFor(name, ids(draft)), name: name.trim(), level, priority, added: true };
  return { ...draft, active: [...draft.active, entry] };
}

export function changeEntry(draft: Draft, index: number, change: Partial<Pick<DraftEntry, 'name' | 'level' | 'priority'>>): Draft {
  return { ...draft, active: draft.active.map((e, i) => (i === index ? { ...e, ...change } : e)) };
}

/** Moves an active entry one place up (-1) or down (+1); nothing happens at either end. */
export function moveEntry(draft: Draft, index: number, delta: -1 | 1): Draft {
  const to = index + delta;
  if (to < 0 || to >= draft.active.length) return draft;
  const active = [...draft.active];
  [active[index], active[to]] = [active[to]!, active[index]!];
  return { ...draft, active };
}

/** Retires an active entry; one added in this draft and never saved is simply dropped. */
export function retireEntry(draft: Draft, index: number): Draft {
  const entry = draft.active[index];
  if (!entry) return draft;
  const active = draft.active.filter((_, i) => i !== index);
  return { active, retired: entry.added ? draft.retired : [...draft.retired, entry] };
}

/** Brings a retired entry back, at the end of the active ones. */
export function restoreEntry(draft: Draft, index: number): Draft {
  const entry = draft.retired[index];
  if (!entry) return draft;
  return { active: [...draft.active, entry], retired: draft.retired.filter((_, i) => i !== index) };
}

/** The body of PUT referenceApi.list(list): the active entries, in order, with only the keys that list takes. */
export function bodyOf(list: EditableListName, draft: Draft): ReferenceEntryInput[] {
  return draft.active.map((e) => ({
    id: e.id,
    name: e.name,
    ...(list === 'commendationForms' ? { level: e.level } : {}),
    ...(list === 'subjectCategories' ? { priority: e.priority } : {}),
  }));
}

export const sameDraft = (list: EditableListName, a: Draft, b: Draft): boolean =>
  JSON.stringify(bodyOf(list, a)) === JSON.stringify(bodyOf(list, b));
