// A case names entries of the editable lists by id: each must be in its list, and active — unless the case
// already held that very id in its current server revision (a list retired after the case was filed must not
// make the case impossible to correct and resubmit).
import type { CaseFields } from '../../shared/case-schema';
import { editableListNames, type EditableListName } from '../../shared/reference-protocol';
import type { ApiIssue } from '../../shared/sync-protocol';
import type { Tx } from '../db/transaction';
import { entriesNamed, entryKey } from './repo';

type ListField = 'subjectCategoryId' | 'movementId' | 'fieldOfLifeId' | 'proposedFormId' | 'awardTypeId';

export const CASE_LIST_FIELDS: ReadonlyArray<readonly [ListField, EditableListName]> = [
  ['subjectCategoryId', 'subjectCategories'],
  ['movementId', 'movements'],
  ['fieldOfLifeId', 'fieldsOfLife'],
  ['proposedFormId', 'commendationForms'],
  ['awardTypeId', 'awardTypes'],
];

/** Issues on paths "fields.<key>" (as the schema's own), empty when every list value is acceptable. */
export async function listIssues(db: Tx, fields: CaseFields, previous: CaseFields | undefined): Promise<ApiIssue[]> {
  const wanted = CASE_LIST_FIELDS.flatMap(([key, list]) => (fields[key] ? [{ list, id: fields[key] }] : []));
  const found = await entriesNamed(db, wanted);
  const issues: ApiIssue[] = [];
  for (const [key, list] of CASE_LIST_FIELDS) {
    const id = fields[key];
    if (!id) continue;
    const entry = found.get(entryKey(list, id));
    const { entry: name } = editableListNames[list];
    if (!entry) issues.push({ path: `fields.${key}`, message: `${name} không có trong danh sách, hãy chọn lại` });
    else if (entry.retired_at && previous?.[key] !== id) {
      issues.push({ path: `fields.${key}`, message: `${name} "${entry.name}" đã ngừng sử dụng, hãy chọn mục khác` });
    }
  }
  return issues;
}
