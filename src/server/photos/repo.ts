// The photos table (one row per stored file, written after the file is durably in place) and photo_owners (who
// uploaded those bytes: a photo is known to its uploaders, and readable only through a case).
import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/sync-protocol';
import type { PhotosTable } from '../db/schema';
import type { Tx } from '../db/transaction';
import { readableBy } from '../cases/scope';

export function findPhoto(db: Tx, sha256: string) {
  return db.selectFrom('photos').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** True when this call inserted the row (false: it was already there). */
export async function insertPhoto(db: Tx, row: Omit<PhotosTable, 'public_id'>): Promise<boolean> {
  const r = await db.insertInto('photos').values({ ...row, public_id: randomBytes(16).toString('hex') })
    .onConflict((oc) => oc.column('sha256').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Records that this user uploaded these (stored) bytes; nothing when already recorded. */
export async function addOwner(db: Tx, sha256: string, userId: string, at: string): Promise<void> {
  await db.insertInto('photo_owners').values({ sha256, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['sha256', 'user_id']).doNothing()).execute();
}

export async function ownsPhoto(db: Tx, sha256: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('photo_owners').select('sha256')
    .where('sha256', '=', sha256).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** Which of these hashes the server holds. */
export async function storedAmong(db: Tx, hashes: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('photos').select('sha256').where('sha256', 'in', unique).execute();
  return new Set(rows.map((r) => r.sha256));
}

export interface StoredPhoto { width: number; height: number; bytes: number }

/**
 * The stored rows of these hashes this user may name in this case: uploaded by them, or already listed by the
 * case. A hash missing from the map is not usable (or not stored).
 */
export async function usablePhotos(db: Tx, hashes: readonly string[], userId: string, caseId: string): Promise<Map<string, StoredPhoto>> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('photos').select(['photos.sha256', 'photos.width', 'photos.height', 'photos.bytes'])
    .where('photos.sha256', 'in', unique)
    .where(({ or, exists, selectFrom }) => or([
      exists(selectFrom('photo_owners').select('photo_owners.sha256')
        .whereRef('photo_owners.sha256', '=', 'photos.sha256').where('photo_owners.user_id', '=', userId)),
      exists(selectFrom('case_photos').select('case_photos.sha256')
        .whereRef('case_photos.sha256', '=', 'photos.sha256').where('case_photos.case_id', '=', caseId)),
    ]))
    .execute();
  return new Map(rows.map((r) => [r.sha256, r]));
}

/** A user may read a photo only through a case they may read that uses it. */
export async function canReadPhoto(db: Tx, sha256: string, user: SessionUser): Promise<boolean> {
  const viaCase = await db.selectFrom('case_photos')
    .innerJoin('cases', 'cases.id', 'case_photos.case_id')
    .select('case_photos.sha256')
    .where('case_photos.sha256', '=', sha256)
    .where(readableBy(user))
    .executeTakeFirst();
  return viaCase !== undefined;
}
