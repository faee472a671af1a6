// The editable reference lists on the wire: GET /api/reference (any signed-in user; phones fetch it when they
// sync and keep it for offline use), and the administration's edits. Types and paths only.
import type { EditableLists } from './reference';

export const referenceApi = {
  lists: '/api/reference',
  /** PUT (admin): replaces one list's entries; entries missing from the body are retired, never deleted. */
  list: (list: keyof EditableLists) => `/api/admin/reference/${list}`,
} as const;

/**
 * Every entry, retired ones included (marked `retired: true`) so an old case still shows the name it was filed
 * under; pickers offer only the others. `version` changes whenever an administrator changes any list: a phone
 * sends it back as `If-None-Match` and gets 304 when nothing changed.
 */
export interface ReferenceLists { version: string; lists: EditableLists }
