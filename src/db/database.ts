// The ONE place that declares the browser database and all of its versions. Migrations are additive:
// add a version below the last one, never edit a shipped one (Dexie maps version n to IndexedDB version n×10).
import Dexie, { type Table } from 'dexie';
import type { DraftFields } from '../shared/case-schema';

export type CaseStatus = 'draft' | 'queued';

export interface LocalCase {
  id: string;               // UUIDv7 made on the phone: the case's id for life
  status: CaseStatus;
  createdAt: number;
  updatedAt: number;
  finalisedAt?: number;
  fields: DraftFields;
  /** Every blob this case uses (photos and thumbnails), indexed so a blob is deleted only when no case uses it. */
  blobHashes: string[];
}

/** Content-addressed bytes. Stored as ArrayBuffer + type: Blobs in IndexedDB are unreliable on some Safari versions. */
export interface StoredBlob { sha256: string; bytes: ArrayBuffer; type: string }

export interface OutboxEntry { caseId: string; queuedAt: number }

export interface Setting { key: string; value: unknown }

export class GuongSangDb extends Dexie {
  cases!: Table<LocalCase, string>;
  blobs!: Table<StoredBlob, string>;
  outbox!: Table<OutboxEntry, string>;
  settings!: Table<Setting, string>;

  constructor(name = 'guong-sang') {
    super(name);
    this.version(1).stores({
      cases: 'id, status, updatedAt, *blobHashes',
      blobs: 'sha256',
      outbox: 'caseId, queuedAt',
      settings: 'key',
    });
  }
}

let shared: GuongSangDb | undefined;
/** The app's database (tests make their own with a unique name). */
export function appDb(): GuongSangDb {
  return (shared ??= new GuongSangDb());
}
