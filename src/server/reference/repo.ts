// The reference_entries table (migration 0003): the lists an administrator edits, read as the wire's
// ReferenceLists, and single entries looked up for validation.
import type { Selectable } from 'kysely';
import type { CommendationForm, EditableLists, ListEntry } from '../../shared/reference';
import { EDITABLE_LISTS, isEditableList, type EditableListName, type ReferenceLists } from '../../shared/reference-protocol';
import { canonicalJson, sha256Hex } from '../cases/canonical';
import type { ReferenceEntriesTable } from '../db/schema';
import type { Tx } from '../db/transaction';

export type EntryRow = Selectable<ReferenceEntriesTable>;

/** What a case or a picker needs of an entry: optional keys only when set, as in the bundled lists. */
export function toEntry(row: EntryRow): ListEntry & { level?: string } {
  return {
    id: row.id,
    name: row.name,
    ...(row.level ? { level: row.level } : {}),
    ...(row.priority ? { priority: true } : {}),
    ...(row.retired_at ? { retired: true } : {}),
  };
}

export function listRows(db: Tx, list: EditableListName) {
  return db.selectFrom('reference_entries').selectAll().where('list', '=', list).orderBy('position').orderBy('id').execute();
}

/**
 * Every list, every entry in its position (retired ones marked). The version is a hash of exactly what is
 * answered, so it changes with every edit that changes anything a phone shows, and only then.
 */
export async function readReferenceLists(db: Tx): Promise<ReferenceLists> {
  const rows = await db.selectFrom('reference_entries').selectAll().orderBy('list').orderBy('position').orderBy('id').execute();
  const lists = Object.fromEntries(EDITABLE_LISTS.map((name) => [name, [] as ListEntry[]])) as unknown as EditableLists;
  for (const row of rows) {
    if (isEditableList(row.list)) (lists[row.list] as ListEntry[]).push(toEntry(row));
  }
  return { version: sha256Hex(canonicalJson(lists)).slice(0, 24), lists };
}

/** The entries of `list` with these ids (retired ones included), by id. */
export async function entriesById(db: Tx, list: EditableListName, ids: readonly string[]): Promise<Map<string, EntryRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('reference_entries').selectAll().where('list', '=', list).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export const entryKey = (list: string, id: string) => `${list}\u0000${id}`;

/** Entries of several lists in one query, by entryKey(list, id); absent ones are not in the map. */
export async function entriesNamed(db: Tx, wanted: ReadonlyArray<{ list: EditableListName; id: string }>): Promise<Map<string, EntryRow>> {
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('reference_entries').selectAll().where('id', 'in', [...new Set(wanted.map((w) => w.id))]).execute();
  const keys = new Set(wanted.map((w) => entryKey(w.list, w.id)));
  return new Map(rows.map((r) => [entryKey(r.list, r.id), r] as const).filter(([k]) => keys.has(k)));
}

export async function findCommendationForm(db: Tx, id: string | null | undefined): Promise<CommendationForm | undefined> {
  if (!id) return undefined;
  const row = (await entriesById(db, 'commendationForms', [id])).get(id);
  return row ? { ...toEntry(row), level: row.level ?? '' } : undefined;
}
