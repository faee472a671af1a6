// What a reviewer typed for one action → the TransitionRequest the server expects, or the Vietnamese messages
// to show beside the fields: the server's own rules (shared/transition-rules.ts), checked before anything is sent.
import type { TransitionTarget } from '../../shared/appraisal';
import type { ReviewListItem, TransitionRequest } from '../../shared/review-protocol';
import type { ApiIssue } from '../../shared/sync-protocol';
import { fieldErrors } from '../../ui/fields';
import { schemaIssues } from '../ui/schema-issues';
import {
  checkTransitionBody, decisionIssues, recordsDecision, TransitionSchema,
} from '../../shared/transition-rules';

/** decisionDate: as the DateField gives it, the ISO day once a real one is typed, else the text as typed. */
export interface TransitionDraft { comment: string; formId: string; decisionNumber: string; decisionDate: string }
export type DraftField = keyof TransitionDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

const DRAFT_FIELDS: readonly DraftField[] = ['comment', 'formId', 'decisionNumber', 'decisionDate'];

export function emptyDraft(head: Pick<ReviewListItem, 'formId'>, proposedFormId: string | undefined): TransitionDraft {
  return { comment: '', formId: head.formId ?? proposedFormId ?? '', decisionNumber: '', decisionDate: '' };
}

/**
 * Only the fields this transition uses: the server refuses the others. A date that is not a day yet goes as typed:
 * the schema says what is wrong with it.
 */
function requestOf(to: TransitionTarget, draft: TransitionDraft, head: Pick<ReviewListItem, 'status' | 'revision'>): TransitionRequest {
  const request: TransitionRequest = { to, from: head.status, revision: head.revision };
  const comment = draft.comment.trim();
  const decides = recordsDecision(head.status, to);
  if (comment) request.comment = comment;
  if ((to === 'proposed' || decides) && draft.formId) request.formId = draft.formId;
  if (decides) {
    const decisionNumber = draft.decisionNumber.trim();
    const decisionDate = draft.decisionDate.trim();
    if (decisionNumber) request.decisionNumber = decisionNumber;
    if (decisionDate) request.decisionDate = decisionDate;
  }
  return request;
}

/** The issues the server would report, in its order: the body's shape, the edge's rules, the decision's. */
function transitionIssues(request: TransitionRequest, head: Pick<ReviewListItem, 'status' | 'deedDate'>): ApiIssue[] {
  const issues = schemaIssues(TransitionSchema, request);
  const checked = checkTransitionBody(head.status, request);
  if (!checked.ok) issues.push(...checked.issues);
  if (recordsDecision(head.status, request.to)) issues.push(...decisionIssues(request.formId, request.decisionDate, head.deedDate));
  return issues;
}

/**
 * The request for `to` on the case as the screen shows it (`from` and `revision` make a stale click a 409),
 * or the errors to fix first (the first message for each field).
 */
export function buildTransition(
  to: TransitionTarget, draft: TransitionDraft, head: Pick<ReviewListItem, 'status' | 'revision' | 'deedDate'>,
): { request: TransitionRequest } | { errors: DraftErrors } {
  const request = requestOf(to, draft, head);
  const errors = draftErrors(transitionIssues(request, head));
  return Object.keys(errors).length > 0 ? { errors } : { request };
}

/** The first message for each field of the form, from the issues checked here or a 422's (the same paths). */
export function draftErrors(issues: readonly ApiIssue[]): DraftErrors {
  const errors: DraftErrors = {};
  for (const [path, message] of Object.entries(fieldErrors(issues))) {
    const field = DRAFT_FIELDS.find((f) => f === path);
    if (field) errors[field] = message;
  }
  return errors;
}
