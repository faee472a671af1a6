// The server's tables as Kysely sees them. Times are ISO-8601 UTC text ("2026-07-15T08:00:00.000Z") in both
// SQLite and PostgreSQL: the same queries, and they sort as text.
import type { Generated } from 'kysely';
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
}

export const TABLES = ['users', 'sessions', 'cases', 'case_revisions', 'photos', 'photo_owners', 'case_photos', 'case_events', 'reference_entries', 'case_erasures'] as const;
