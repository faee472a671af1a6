// What a transition's body must carry for the edge it takes (shared/appraisal.ts has the edges and who may take
// them), stated once with its Vietnamese messages: the server checks every request with these rules, and the
// reviewer's form checks the request it is about to send, so a refusal reads the same on both sides.
//
//   edge                      comment    formId                      decisionNumber, decisionDate
//   → returned, → rejected    required   —                           —
//   published → commended     required   —                           —            (a withdrawal from the bulletin)
//   → proposed                optional   required, a current form    —
//   proposed → commended      optional   optional (else the case's)  required; the date from 2000, not in the
//                                                                     future, not before the deed
//   any other                 optional   —                           —
// "—": the field must be absent. The shapes and limits of each field are in TransitionSchema.
import * as v from 'valibot';
import { isWithdrawal, TRANSITIONS, type TransitionTarget } from './appraisal';
import { todayIso } from './dates';
import { LIST_ID } from './reference-protocol';
import type { TransitionRequest } from './review-protocol';
import { isoDay } from './review-schemas';
import { SERVER_STATUSES, type ApiIssue, type ServerStatus } from './sync-protocol';

const TARGETS = [...new Set(Object.values(TRANSITIONS).flat())] as TransitionTarget[];

export const DECISION_DATE_FORMAT = 'Nhập ngày quyết định theo dạng dd/mm/yyyy';

/** POST /api/cases/{id}/transitions: the body's shape, whatever the edge. */
export const TransitionSchema = v.strictObject({
  to: v.picklist(TARGETS, 'Trạng thái chuyển đến không hợp lệ'),
  from: v.optional(v.picklist(SERVER_STATUSES, 'Trạng thái hiện tại không hợp lệ')),
  revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000, 'Tối đa 2000 ký tự'))),
  formId: v.optional(v.pipe(v.string(), v.regex(LIST_ID, 'Chọn hình thức khen thưởng'))),
  decisionNumber: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64, 'Số quyết định tối đa 64 ký tự'))),
  decisionDate: v.optional(v.pipe(
    isoDay(DECISION_DATE_FORMAT),
    v.check((d) => d >= '2000-01-01', 'Ngày quyết định phải từ năm 2000'),
    v.check((d) => d <= todayIso(), 'Ngày quyết định không thể ở tương lai'),
  )),
});

/** Whether this edge records a commendation decision (not a withdrawal from the bulletin, which is also → commended). */
export const recordsDecision = (from: ServerStatus, to: TransitionTarget): boolean => to === 'commended' && !isWithdrawal(from, to);

/** The comment's label and, when the edge needs a comment, the message for a missing one. */
export function commentRule(from: ServerStatus, to: TransitionTarget): { label: string; missing?: string } {
  if (isWithdrawal(from, to)) return { label: 'Ai báo rút đồng ý đăng tin, khi nào', missing: 'Ghi rõ ai báo rút đồng ý đăng tin, khi nào' };
  if (to === 'returned') return { label: 'Nội dung cần bổ sung', missing: 'Nêu rõ nội dung cần bổ sung' };
  if (to === 'rejected') return { label: 'Lý do không đủ điều kiện', missing: 'Nêu lý do không đủ điều kiện' };
  return { label: 'Ý kiến (không bắt buộc)' };
}

/** What the edge carries besides its comment, as the rules checked it. */
export type TransitionStep =
  | { kind: 'move' }
  | { kind: 'propose'; formId: string }
  | { kind: 'decide'; formId: string | undefined; decisionNumber: string; decisionDate: string };

export type StepCheck = { ok: true; step: TransitionStep } | { ok: false; issues: ApiIssue[] };

/**
 * The edge's rules on a body already in TransitionSchema's shape, taken from `from` (the case's status: the same
 * target means two things from 'published'). `listed`, when the caller can look it up: the form body.formId names
 * in the editable list (undefined: not in it).
 */
export function checkTransitionBody(
  from: ServerStatus, body: TransitionRequest, listed?: { form: { retired?: boolean } | undefined },
): StepCheck {
  const issues: ApiIssue[] = [];
  const required = (path: 'comment' | 'formId' | 'decisionNumber' | 'decisionDate', message: string): string | undefined => {
    const value = body[path];
    if (!value) issues.push({ path, message });
    return value || undefined;
  };
  const unused = (path: keyof TransitionRequest) => {
    if (body[path] !== undefined) issues.push({ path, message: 'Trường này không dùng cho bước chuyển này' });
  };
  const notListed = () => {
    if (listed && body.formId && !listed.form) issues.push({ path: 'formId', message: 'Hình thức khen thưởng không có trong danh mục' });
  };
  const decides = recordsDecision(from, body.to);
  const { missing } = commentRule(from, body.to);
  if (missing) required('comment', missing);
  let step: TransitionStep = { kind: 'move' };
  if (body.to === 'proposed') {
    const formId = required('formId', 'Chọn hình thức khen thưởng đề nghị');
    notListed();
    if (listed?.form?.retired) issues.push({ path: 'formId', message: 'Hình thức khen thưởng này đã ngừng sử dụng' });
    if (formId) step = { kind: 'propose', formId };
  } else if (!decides) unused('formId');
  if (decides) {
    const decisionNumber = required('decisionNumber', 'Nhập số quyết định khen thưởng');
    const decisionDate = required('decisionDate', 'Nhập ngày quyết định khen thưởng');
    notListed();
    if (decisionNumber && decisionDate) step = { kind: 'decide', formId: body.formId, decisionNumber, decisionDate };
  } else {
    unused('decisionNumber');
    unused('decisionDate');
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, step };
}

/**
 * A decision's rules once the case is known: the form decided (the one chosen, else the one the case was
 * proposed with), and a date (when there is one) not before the good deed.
 */
export function decisionIssues(formId: string | null | undefined, decisionDate: string | undefined, deedDate: string): ApiIssue[] {
  const issues: ApiIssue[] = [];
  if (!formId) issues.push({ path: 'formId', message: 'Chọn hình thức khen thưởng đã được quyết định' });
  if (decisionDate && decisionDate < deedDate) issues.push({ path: 'decisionDate', message: 'Ngày quyết định không thể trước ngày làm việc tốt' });
  return issues;
}
