// The photos table: one row per stored file, written after the file is durably in place.
import type { SessionUser } from '../../shared/sync-protocol';
import type { PhotosTable } from '../db/schema';
import type { Tx } from '../db/transaction';
import { readableBy } from '../cases/scope';

export function findPhoto(db: Tx, sha256: string) {
  return db.selectFrom('photos').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** True when this call inserted the row (false: it was already there). */
export async function insertPhoto(db: Tx, row: PhotosTable): Promise<boolean> {
  const r = await db.insertInto('photos').values(row).onConflict((oc) => oc.column('sha256').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Which of these hashes the server holds. */
export async function storedAmong(db: Tx, hashes: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('photos').select('sha256').where('sha256', 'in', unique).execute();
  return new Set(rows.map((r) => r.sha256));
}

/** A user may read a photo they uploaded, or one a case they may read uses. */
export async function canReadPhoto(db: Tx, sha256: string, user: SessionUser): Promise<boolean> {
  const own = await db.selectFrom('photos').select('sha256')
    .where('sha256', '=', sha256).where('uploaded_by', '=', user.id).executeTakeFirst();
  if (own) return true;
  const viaCase = await db.selectFrom('case_photos')
    .innerJoin('cases', 'cases.id', 'case_photos.case_id')
    .select('case_photos.sha256')
    .where('case_photos.sha256', '=', sha256)
    .where(readableBy(user))
    .executeTakeFirst();
  return viaCase !== undefined;
}
