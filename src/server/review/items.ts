// A cases row as the review workspace shows it in its list (and as a transition answers).
import type { ReviewListItem } from '../../shared/review-protocol';
import type { CasesTable } from '../db/schema';

export const LIST_COLUMNS = [
  'id', 'status', 'revision', 'commune_code', 'subject_kind', 'subject_name', 'subject_category_id', 'movement_id',
  'field_of_life_id', 'deed_date', 'created_at', 'updated_at', 'commendation_form_id', 'decision_number', 'decision_date',
] as const;

export type ListRow = Pick<CasesTable, (typeof LIST_COLUMNS)[number]>;

export function toListItem(r: ListRow): ReviewListItem {
  return {
    id: r.id, status: r.status, revision: r.revision, communeCode: r.commune_code, subjectKind: r.subject_kind,
    subjectName: r.subject_name, subjectCategoryId: r.subject_category_id, movementId: r.movement_id,
    fieldOfLifeId: r.field_of_life_id, deedDate: r.deed_date, createdAt: r.created_at, updatedAt: r.updated_at,
    formId: r.commendation_form_id, decisionNumber: r.decision_number, decisionDate: r.decision_date,
  };
}
