// The review workspace's API (reviewers and admins only): the case list, one case, and status transitions.
// Types and paths only; the valibot schemas the server validates with are in review-schemas.ts.
import type { TransitionTarget } from './appraisal';
import type { CaseFields } from './case-schema';
import type { ServerStatus } from './sync-protocol';

export const reviewApi = {
  list: (query: string) => `/api/review/cases${query ? `?${query}` : ''}`,
  case: (id: string) => `/api/review/cases/${id}`,
  revision: (id: string, n: number) => `/api/review/cases/${id}/revisions/${n}`,
  transitions: (id: string) => `/api/cases/${id}/transitions`,
  /** The data subject's rights (admins and province reviewers): everything held about a case, and its erasure. */
  subjectAccess: (id: string) => `/api/review/cases/${id}/subject-access`,
  erasure: (id: string) => `/api/review/cases/${id}/erasure`,
  /** The list's filters (same query parameters, no cursor/limit) → every matching case in the reviewer's area. */
  export: (format: ExportFormat, query: string) => `/api/review/export.${format}${query ? `?${query}` : ''}`,
} as const;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const REVIEW_PAGE_DEFAULT = 50;
export const REVIEW_PAGE_MAX = 200;

/**
 * POST /api/cases/{id}/transitions. `from` and `revision` (what the reviewer's screen shows) make a stale click
 * a 409 instead of acting on a case that changed meanwhile.
 */
export interface TransitionRequest {
  to: TransitionTarget;
  from?: ServerStatus;
  revision?: number;
  comment?: string;
  formId?: string;          // proposed (required), commended (optional: defaults to the proposed form)
  decisionNumber?: string;  // commended (required), e.g. "125/QĐ-UBND"
  decisionDate?: string;    // commended (required), ISO yyyy-mm-dd
}

/**
 * POST /api/review/cases/{id}/erasure, at the data subject's request. `caseId` repeats the path's id: the
 * confirmation the reviewer gave names this case. `reason` (the request's reference, 1–500 characters, no
 * personal data) goes to the audit log. Answer 200 ErasureReceipt; the case then answers 410 'erased' everywhere.
 */
export interface ErasureRequest { caseId: string; reason: string }
export const ERASURE_REASON_MAX = 500;
export interface ErasureReceipt { caseId: string; erasedAt: string }

export interface Commendation { formId: string | null; decisionNumber: string | null; decisionDate: string | null }

/** The answer to a transition, and the head of a case in the list. */
export interface ReviewListItem extends Commendation {
  id: string;
  status: ServerStatus;
  revision: number;
  communeCode: string;
  subjectKind: string;
  subjectName: string;
  subjectCategoryId: string;
  movementId: string;
  fieldOfLifeId: string;
  deedDate: string;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/review/cases: newest first (first receipt), `next` is the cursor of the following page or null. */
export interface ReviewListPage { cases: ReviewListItem[]; next: string | null }

export interface ReviewPhoto { sha256: string; thumbSha256: string; caption: string; width: number; height: number; stored: boolean }
export interface ReviewRevision { revision: number; at: string; author: string | null }
/** GET /api/review/cases/{id}/revisions/{n} */
export interface ReviewRevisionFields extends ReviewRevision { fields: CaseFields }

export interface TimelineEntry {
  seq: number;
  kind: 'received' | 'revised' | 'status' | 'comment' | 'erased';
  revision: number;
  from: ServerStatus | null;
  to: ServerStatus;
  comment: string | null;
  formId: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  actor: string | null;
  at: string;
}

/** GET /api/review/cases/{id}: every field, photos (bytes via GET /api/photos/{sha256}), revisions, timeline. */
export interface ReviewCase {
  case: ReviewListItem & { fields: CaseFields; owner: string | null; receivedAt: string };
  photos: ReviewPhoto[];
  revisions: ReviewRevision[];
  timeline: TimelineEntry[];
  /** What the signed-in reviewer may do now (nothing while the case is in an open batch: the batch moves it). */
  allowed: TransitionTarget[];
  /** The open proposal batch (draft or submitted) the case is in: "Số 12/TTr-UBND". */
  openBatch: { id: string; label: string } | null;
}
