// What a reviewer typed for one action → the TransitionRequest the server expects, or the Vietnamese messages
// to show beside the fields (the same rules the server enforces, checked before anything is sent).
import { commentRequired, isWithdrawal, type TransitionTarget } from '../../shared/appraisal';
import type { ServerStatus } from '../../shared/sync-protocol';
import { parseDmy, todayIso } from '../../shared/dates';
import type { ReviewListItem, TransitionRequest } from '../../shared/review-protocol';

export interface TransitionDraft { comment: string; formId: string; decisionNumber: string; decisionDate: string }
export type DraftField = keyof TransitionDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The comment's label and, when it is required, the message for an empty one (the server's wording). */
export function commentRule(from: ServerStatus, to: TransitionTarget): { label: string; missing?: string } {
  if (isWithdrawal(from, to)) return { label: 'Ai báo rút đồng ý đăng tin, khi nào', missing: 'Ghi rõ ai báo rút đồng ý đăng tin, khi nào' };
  if (to === 'returned') return { label: 'Nội dung cần bổ sung', missing: 'Nêu rõ nội dung cần bổ sung' };
  if (to === 'rejected') return { label: 'Lý do không đủ điều kiện', missing: 'Nêu lý do không đủ điều kiện' };
  return commentRequired(from, to) ? { label: 'Ý kiến', missing: 'Nhập ý kiến' } : { label: 'Ý kiến (không bắt buộc)' };
}

/** Whether this edge records a commendation decision (not a withdrawal from the bulletin, which is also → commended). */
export const recordsDecision = (from: ServerStatus, to: TransitionTarget): boolean => to === 'commended' && !isWithdrawal(from, to);

export function emptyDraft(head: Pick<ReviewListItem, 'formId'>, proposedFormId: string | undefined): TransitionDraft {
  return { comment: '', formId: head.formId ?? proposedFormId ?? '', decisionNumber: '', decisionDate: '' };
}

function decisionDateError(text: string, deedDate: string): string | undefined {
  if (!text.trim()) return 'Nhập ngày quyết định khen thưởng';
  const iso = parseDmy(text);
  if (!iso) return 'Nhập ngày quyết định theo dạng dd/mm/yyyy';
  if (iso > todayIso()) return 'Ngày quyết định không thể ở tương lai';
  if (iso < deedDate) return 'Ngày quyết định không thể trước ngày làm việc tốt';
  return undefined;
}

/**
 * The request for `to` on the case as the screen shows it (`from` and `revision` make a stale click a 409),
 * or the errors to fix first. Only the fields this transition uses are sent: the server refuses the others.
 */
export function buildTransition(
  to: TransitionTarget, draft: TransitionDraft, head: Pick<ReviewListItem, 'status' | 'revision' | 'deedDate'>,
): { request: TransitionRequest } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  const comment = draft.comment.trim();
  const decides = recordsDecision(head.status, to);
  const { missing } = commentRule(head.status, to);
  if (!comment && missing) errors.comment = missing;
  if (to === 'proposed' && !draft.formId) errors.formId = 'Chọn hình thức khen thưởng đề nghị';
  if (decides) {
    if (!draft.formId) errors.formId = 'Chọn hình thức khen thưởng đã được quyết định';
    if (!draft.decisionNumber.trim()) errors.decisionNumber = 'Nhập số quyết định khen thưởng';
    const dateError = decisionDateError(draft.decisionDate, head.deedDate);
    if (dateError) errors.decisionDate = dateError;
  }
  if (Object.keys(errors).length > 0) return { errors };

  const request: TransitionRequest = { to, from: head.status, revision: head.revision };
  if (comment) request.comment = comment;
  if (to === 'proposed' || decides) request.formId = draft.formId;
  if (decides) {
    request.decisionNumber = draft.decisionNumber.trim();
    request.decisionDate = parseDmy(draft.decisionDate)!;
  }
  return { request };
}
