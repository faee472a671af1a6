// The server's tables as Kysely sees them. Times are ISO-8601 UTC text ("2026-07-15T08:00:00.000Z") in both
// SQLite and PostgreSQL: the same queries, and they sort as text.
import type { Generated } from 'kysely';
import type { Authority, BatchStatus } from '../../shared/batch-protocol';
import type { Role, ServerStatus } from '../../shared/sync-protocol';

export interface UsersTable {
  id: string;
  username: string;          // lower case, unique
  display_name: string;
  role: Role;
  area: string;              // a commune code, or PROVINCE_AREA
  password_hash: string;     // "$scrypt$ln=…,r=…,p=…$salt$hash"
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
  // 0011: the bytes the account holds against its quota (accounts/quota.ts; PostgreSQL's bigint arrives as text)
  stored_bytes: Generated<number | string>;
}

export interface SessionsTable {
  token_hash: string;        // sha256 of the cookie's random token; the token itself is never stored
  user_id: string;
  created_at: string;
  renewed_at: string;
  expires_at: string;
}

export interface CasesTable {
  id: string;                // the phone's UUID, the case's id for life
  owner_id: string;
  commune_code: string;
  status: ServerStatus;
  revision: number;
  content_hash: string;      // sha256 of `fields`
  fields: string;            // canonical JSON of the validated CaseFields
  // Copies of fields the review workspace filters on:
  subject_kind: string;
  subject_name: string;
  subject_category_id: string;
  movement_id: string;
  field_of_life_id: string;
  deed_date: string;
  created_at: string;
  updated_at: string;
  received_at: string;       // when the current revision arrived
  // 0002: the commendation (proposed form, then the decision) and the folded search text (shared/case-search)
  commendation_form_id: string | null;
  decision_number: string | null;
  decision_date: string | null;
  search_text: string;
  // 0003: copies for the dashboard and the bulletin; when the case went on the bulletin
  ethnicity_code: string | null;
  consent_publication: Generated<number>;   // 0 or 1
  published_at: string | null;
}

export interface CaseRevisionsTable {
  case_id: string;
  revision: number;
  content_hash: string;
  fields: string;
  author_id: string;
  created_at: string;
}

export interface PhotosTable {
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  uploaded_by: string;       // the first uploader (photo_owners has them all)
  created_at: string;
  public_id: string | null;  // 0006: the name the bulletin's URLs use (random, never the hash); set on every insert
}

/** 0006: who uploaded which photo bytes (a case may list only its author's photos). */
export interface PhotoOwnersTable {
  sha256: string;
  user_id: string;
  created_at: string;
}

/** The photos and thumbnails the current revision of a case uses (who may read a photo; later, clean-up). */
export interface CasePhotosTable {
  case_id: string;
  sha256: string;
}

/** 'erased': the case was erased at its subject's request (case_erasures has who, when and why). */
export type CaseEventKind = 'received' | 'revised' | 'status' | 'comment' | 'erased';

/** Append-only: what happened to a case, in order. Feeds GET /api/sync/changes. */
export interface CaseEventsTable {
  seq: Generated<number>;
  case_id: string;
  revision: number;
  kind: CaseEventKind;
  status: ServerStatus;      // the case's status after the event
  comment: string | null;
  actor_id: string | null;
  at: string;
  // 0002: the status before the event, and the commendation it recorded
  from_status: ServerStatus | null;
  form_id: string | null;
  decision_number: string | null;
  decision_date: string | null;
}

/** 0003: the lists an administrator edits (movements, fieldsOfLife, subjectCategories, commendationForms, awardTypes). */
export interface ReferenceEntriesTable {
  list: string;
  id: string;
  name: string;
  level: string | null;
  priority: number;          // 0 or 1
  position: number;
  retired_at: string | null;
  updated_at: string;
}

/** 0007: login attempts per address ('a:' + address) and per username and address ('p:' + address + ' ' + username). */
export interface LoginThrottleTable {
  key: string;
  attempts: number;          // counted before the password is checked; a success clears or refunds it
  last_at_ms: number | string; // the last counted attempt (PostgreSQL's bigint arrives as text)
  next_at_ms: number | string; // no attempt is counted, nor checked, before this
}

/** 0008: the audit of each erasure at a data subject's request; the reason is the request's reference, nothing personal. */
export interface CaseErasuresTable {
  case_id: string;
  erased_by: string;
  erased_at: string;
  reason: string;
}

/** 0009: a proposal batch (shared/batch-protocol.ts); header and council are JSON (BatchHeader, CouncilMeeting). */
export interface BatchesTable {
  id: string;
  status: BatchStatus;
  authority: Authority;
  area: string;              // a commune code (commune batches) or PROVINCE_AREA
  number: string;
  symbol: string;
  doc_date: string;          // yyyy-mm-dd, the Tờ trình's date
  header: string;
  council: string | null;
  decision_number: string | null;
  decision_date: string | null;
  decision_authority: string | null;
  decision_signer: string | null;
  withdrawn_reason: string | null;
  public_id: string;         // the public notice's name (random)
  notice_from: string | null;
  notice_until: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  withdrawn_at: string | null;
}

/** 0009: a case in a batch; `open` 1 while the batch is draft or submitted (one open batch per case: unique index). */
export interface BatchCasesTable {
  batch_id: string;
  case_id: string;
  form_id: string;           // the proposed form when the case was added
  position: number;
  open: number;
  vote_agree: number | null;
  vote_voters: number | null;
  outcome: 'commended' | 'not_commended' | null;
  outcome_comment: string | null;
  return_to: string | null;
  added_at: string;
}

/** 0009: append-only audit of a batch ('created', 'edited', 'cases-added', 'case-removed', 'council', 'submitted', …). */
export interface BatchEventsTable {
  seq: Generated<number>;
  batch_id: string;
  kind: string;
  actor_id: string | null;
  at: string;
  detail: string | null;     // JSON
}

/** 0009: a citizen's comment on a batch's public notice. */
export interface BatchCommentsTable {
  id: string;
  batch_id: string;
  author_name: string | null;
  body: string;
  created_at: string;
}

/** 0009: small documents an administrator edits, by key ('commendation': CommendationSettings). */
export interface SettingsTable {
  key: string;
  value: string;             // JSON
  updated_by: string | null;
  updated_at: string;
}

/**
 * 0012: the dashboard's counts (dashboard/counts/), derived from cases and case_events and kept by every write of
 * a case. Not in TABLES: a copy to PostgreSQL leaves it empty and the server recounts it when it starts.
 */
export interface DashboardCountsTable {
  commune: string;           // a commune code, or '' for every commune
  grain: 'day' | 'month';    // of the case's first receipt, in Vietnam (communes: month only)
  figure: string;
  period: string;            // 'yyyy-mm-dd' or 'yyyy-mm'
  key: string;
  n: number;                 // may be negative: net changes of status
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  case_revisions: CaseRevisionsTable;
  photos: PhotosTable;
  photo_owners: PhotoOwnersTable;
  case_photos: CasePhotosTable;
  case_events: CaseEventsTable;
  reference_entries: ReferenceEntriesTable;
  login_throttle: LoginThrottleTable;
  case_erasures: CaseErasuresTable;
  batches: BatchesTable;
  batch_cases: BatchCasesTable;
  batch_events: BatchEventsTable;
  batch_comments: BatchCommentsTable;
  settings: SettingsTable;
  dashboard_counts: DashboardCountsTable;
}

export const TABLES = ['users', 'sessions', 'cases', 'case_revisions', 'photos', 'photo_owners', 'case_photos', 'case_events', 'reference_entries', 'case_erasures', 'batches', 'batch_cases', 'batch_events', 'batch_comments', 'settings'] as const;
