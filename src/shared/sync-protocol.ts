// The contract between the phone (src/sync) and the server (src/server): paths, bodies, answers, statuses.
// Types and constants only, so the phone's first bundle does not carry valibot; the request schemas the server
// validates with are in sync-schemas.ts.
import type { CaseFields } from './case-schema';
import { UUID_PATTERN } from './ids';

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const api = {
  health: '/api/health',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  photo: (sha256: string) => `/api/photos/${sha256}`,
  case: (id: string) => `/api/cases/${id}`,
  changes: (cursor: string) => `/api/sync/changes?since=${encodeURIComponent(cursor)}`,
} as const;

// ---- accounts ------------------------------------------------------------------------------------

export const ROLES = ['reporter', 'commune-reviewer', 'province-reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleNames: Record<Role, string> = {
  reporter: 'Người báo cáo',
  'commune-reviewer': 'Thẩm định cấp xã',
  'province-reviewer': 'Thẩm định cấp tỉnh',
  admin: 'Quản trị',
};

/** A user's area: a commune code (5 digits) or the whole province (Lai Châu's code). */
export const PROVINCE_AREA = '12';

export interface SessionUser { id: string; username: string; displayName: string; role: Role; area: string }


// ---- cases ---------------------------------------------------------------------------------------

/**
 * Appraisal states (the review workspace moves cases through them). A new case arrives as "received". "erased" is
 * no appraisal state: the data subject asked for erasure (review-protocol's erasure), the case keeps only its id,
 * owner and commune, and the phone that reported it removes its copy when the changes feed says so.
 */
export const APPRAISAL_STATUSES = ['received', 'appraising', 'proposed', 'commended', 'returned', 'rejected', 'published'] as const;
export type AppraisalStatus = (typeof APPRAISAL_STATUSES)[number];
export const SERVER_STATUSES = [...APPRAISAL_STATUSES, 'erased'] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];
export const serverStatusNames: Record<ServerStatus, string> = {
  received: 'Đã nhận',
  appraising: 'Đang thẩm định',
  proposed: 'Đề nghị khen thưởng',
  commended: 'Đã khen thưởng',
  returned: 'Trả lại bổ sung',
  rejected: 'Không đủ điều kiện',
  published: 'Đã đăng tin',
  erased: 'Đã xoá theo yêu cầu của người được nêu tên',
};

export const isCaseId = (id: string): boolean => UUID_PATTERN.test(id);

export type CasePut = { baseRevision: number; fields: CaseFields };

/** 200 (a replay or an update) or 201 (created). Shown to the reporter as the receipt. */
export interface CaseReceipt {
  caseId: string;
  revision: number;
  receivedAt: string;       // ISO time the server stored this revision
  status: ServerStatus;
  photosConfirmed: number;  // photos (with thumbnails) the server holds for this revision
  photosTotal: number;
  replay: boolean;          // true when the same content had already been stored
}

/** The server's copy, sent with a 409 conflict so the phone can show both versions. */
export interface ServerCase { caseId: string; revision: number; status: ServerStatus; fields: CaseFields; updatedAt: string }

// ---- errors --------------------------------------------------------------------------------------

export type ErrorCode =
  | 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'missing-photos'
  | 'hash-mismatch' | 'not-jpeg' | 'too-large' | 'rate-limited' | 'unsupported-media-type' | 'server-error'
  | 'erased'         // 410: the case was erased at the data subject's request; the phone removes its copy
  | 'quota'          // 507: the account's storage quota is used up; the phone keeps the case queued
  | 'disk-full'      // 507: the server's data disk is full; the phone keeps the case queued and retries later
  | 'offset-mismatch'; // 409: a resumed photo upload named another offset than the server holds (Upload-Offset says it)

export interface ApiIssue { path: string; message: string }

/** Every error body: a code for programs, a Vietnamese sentence for people, field issues where there are some. */
export interface ApiError {
  error: ErrorCode;
  message: string;
  issues?: ApiIssue[];
  missing?: string[];   // missing-photos: the sha256 of each photo or thumbnail the server lacks
  server?: ServerCase;  // conflict: the server's copy
}

// ---- changes feed --------------------------------------------------------------------------------

/** One thing a reviewer did to a reporter's case (status change, comment), in order. */
export interface CaseChange {
  seq: number;
  caseId: string;
  revision: number;
  status: ServerStatus;
  comment: string | null;
  actor: string | null;  // the reviewer's display name
  at: string;            // ISO time
}

/** GET /api/sync/changes?since=CURSOR ("0" at first): changes after the cursor, oldest first. */
export interface ChangesPage { changes: CaseChange[]; cursor: string; more: boolean }

export const FIRST_CURSOR = '0';
