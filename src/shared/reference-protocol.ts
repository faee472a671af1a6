// The editable reference lists on the wire: GET /api/reference (any signed-in user; phones fetch it when they
// sync and keep it for offline use), and the administration's edits. Types, paths and names only (no valibot:
// the phone's sync imports this; the request schema is in reference-schemas.ts).
import type { EditableLists } from './reference';

export type EditableListName = keyof EditableLists;

/** The lists in the order the administration shows them. */
export const EDITABLE_LISTS = ['movements', 'fieldsOfLife', 'subjectCategories', 'commendationForms', 'awardTypes'] as const satisfies readonly EditableListName[];

export const isEditableList = (name: string): name is EditableListName => (EDITABLE_LISTS as readonly string[]).includes(name);

/** Each list's title, and what one of its entries is called in a sentence ("Phong trào … đã ngừng sử dụng"). */
export const editableListNames: Record<EditableListName, { title: string; entry: string }> = {
  movements: { title: 'Phong trào thi đua', entry: 'Phong trào' },
  fieldsOfLife: { title: 'Lĩnh vực', entry: 'Lĩnh vực' },
  subjectCategories: { title: 'Nhóm đối tượng', entry: 'Nhóm đối tượng' },
  commendationForms: { title: 'Hình thức khen thưởng', entry: 'Hình thức khen thưởng' },
  awardTypes: { title: 'Loại hình khen thưởng', entry: 'Loại hình khen thưởng' },
};

/** The level that decides a commendation form (shared/appraisal.ts: a commune board records only 'xa'). */
export const FORM_LEVELS = ['xa', 'tinh', 'trung_uong'] as const;
export type FormLevel = (typeof FORM_LEVELS)[number];
export const formLevelNames: Record<FormLevel, string> = { xa: 'Cấp xã', tinh: 'Cấp tỉnh', trung_uong: 'Trung ương' };

export const REFERENCE_LIMITS = { entries: 200, name: 200 } as const;
/** An entry's id, the key cases store: a-z 0-9 - _, at most 64. */
export const LIST_ID = /^[a-z0-9_-]{1,64}$/;

export const referenceApi = {
  lists: '/api/reference',
  /** PUT (admin): replaces one list's entries; entries missing from the body are retired, never deleted. */
  list: (list: EditableListName) => `/api/admin/reference/${list}`,
} as const;

/**
 * One entry of PUT /api/admin/reference/{list}; the body is the array of the list's ACTIVE entries in the order
 * pickers show them. `id` is the key cases store (a-z 0-9 - _, at most 64): keep it to rename, send a new one to
 * add. `level` is required for commendationForms (FORM_LEVELS) and not used elsewhere (absent or null);
 * `priority` (a group the directive favours) only for subjectCategories (elsewhere absent or false).
 * An entry of the database missing from the body is retired (kept, marked retired: true); sent again, it is
 * active again. Answer: the new ReferenceLists; 422 with issues on paths like "2.name" and nothing changed.
 */
export interface ReferenceEntryInput { id: string; name: string; level?: FormLevel | null; priority?: boolean }

/**
 * Every entry, retired ones included (marked `retired: true`) so an old case still shows the name it was filed
 * under; pickers offer only the others. `version` changes whenever an administrator changes any list: a phone
 * sends it back as `If-None-Match` and gets 304 when nothing changed.
 */
export interface ReferenceLists { version: string; lists: EditableLists }

const MAX_ENTRIES = 1000;

const isEntry = (e: unknown): boolean => {
  const x = e as { id?: unknown; name?: unknown } | null;
  return !!x && typeof x.id === 'string' && x.id !== '' && typeof x.name === 'string' && x.name !== '';
};

/** What a picker relies on: every list present, each entry with an id and a name. Anything else is not kept. */
export function isReferenceLists(value: unknown): value is ReferenceLists {
  const x = value as Partial<ReferenceLists> | null;
  if (!x || typeof x.version !== 'string' || !x.version || typeof x.lists !== 'object' || !x.lists) return false;
  return EDITABLE_LISTS.every((name) => {
    const list: unknown = x.lists![name];
    return Array.isArray(list) && list.length > 0 && list.length <= MAX_ENTRIES && list.every(isEntry);
  });
}
