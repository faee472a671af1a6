// The ONE place that declares the browser database and all of its versions. Migrations are additive:
// add a version below the last one, never edit a shipped one (Dexie maps version n to IndexedDB version n×10).
import Dexie, { type Table } from 'dexie';
import type { DraftFields } from '../shared/case-schema';
import type { CaseReceipt, ServerCase, ServerStatus, ApiIssue } from '../shared/sync-protocol';

/** draft: being written · queued: in the outbox · sent: the server confirmed it (receipt) ·
 *  parked: the server refused it (invalid), the reporter must correct it · conflict: changed on both sides. */
export type CaseStatus = 'draft' | 'queued' | 'sent' | 'parked' | 'conflict';
/** Not on the server yet: what the storage screen counts as unsent, what a backup file carries (transfer/). */
export const UNSENT_STATUSES: readonly CaseStatus[] = ['draft', 'queued'];

export interface SyncProblem { kind: 'invalid' | 'conflict' | 'forbidden'; message: string; issues?: ApiIssue[]; at: number }

export interface ReviewerNote { seq: number; status: ServerStatus; comment: string | null; actor: string | null; at: string }

export interface LocalCase {
  id: string;               // UUIDv7 made on the phone: the case's id for life
  status: CaseStatus;
  createdAt: number;
  updatedAt: number;
  finalisedAt?: number;
  fields: DraftFields;
  /** Every blob this case uses (photos and thumbnails), indexed so a blob is deleted only when no case uses it. */
  blobHashes: string[];
  /** The signed-in user who recorded it; a shared phone shows each user only their own cases. Unset: recorded
   *  before anyone signed in on this phone; the next user to sign in adopts it. */
  ownerId?: string;
  /** The server revision this copy is based on (0 or unset: never sent). */
  serverRevision?: number;
  receipt?: CaseReceipt;
  problem?: SyncProblem;
  /** With status 'conflict': the server's copy, so the reporter can choose. */
  serverCopy?: ServerCase;
  /** The appraisal state and reviewers' notes, pulled from the server (readable offline). */
  serverStatus?: ServerStatus;
  notes?: ReviewerNote[];
}

/** Content-addressed bytes. Stored as ArrayBuffer + type: Blobs in IndexedDB are unreliable on some Safari versions. */
export interface StoredBlob { sha256: string; bytes: ArrayBuffer; type: string }

export interface OutboxEntry {
  caseId: string;
  queuedAt: number;
  ownerId?: string;
  attempts?: number;
  /** Not before this time (ms) after a retryable failure: exponential backoff with jitter. */
  nextAttemptAt?: number;
  lastError?: string;
}

export interface Setting { key: string; value: unknown }

/**
 * What is left of a case the server erased at the data subject's request (db/erasure.ts): its id, whose it
 * was and when, so the list can say so. Nothing of the person: no field, no photo, no note.
 */
export interface ErasedCase { caseId: string; ownerId?: string; erasedAt: string }

export class GuongSangDb extends Dexie {
  cases!: Table<LocalCase, string>;
  blobs!: Table<StoredBlob, string>;
  outbox!: Table<OutboxEntry, string>;
  settings!: Table<Setting, string>;
  tombstones!: Table<ErasedCase, string>;

  constructor(name = 'guong-sang') {
    super(name);
    this.version(1).stores({
      cases: 'id, status, updatedAt, *blobHashes',
      blobs: 'sha256',
      outbox: 'caseId, queuedAt',
      settings: 'key',
    });
    // v2 (sync): cases and outbox entries belong to a user; sent cases are found by status.
    this.version(2).stores({
      cases: 'id, status, updatedAt, *blobHashes, ownerId, [ownerId+status]',
      outbox: 'caseId, queuedAt, ownerId',
    });
    // v3 (the data subject's rights): a tombstone per case erased on the server, until the reporter dismisses it.
    this.version(3).stores({ tombstones: 'caseId, ownerId' });
  }
}

let shared: GuongSangDb | undefined;
/** The app's database (tests make their own with a unique name). */
export function appDb(): GuongSangDb {
  return (shared ??= new GuongSangDb());
}
