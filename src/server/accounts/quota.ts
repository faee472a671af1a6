// The per-account storage quota (ACCOUNT_QUOTA_BYTES). What an account holds: the bytes of the photos it
// uploaded (photo_owners: bytes another account also sent count for both) and of the case revisions it wrote of
// its own cases. Kept as a counter, users.stored_bytes (migration 0011), changed in the same write transaction as
// the rows it counts: takeRoom when a revision or a photo ownership is added (checked and added in one statement,
// so two writes at once cannot both take the last free bytes), releaseRevisions and releasePhoto before those rows
// are deleted (an erasure, the photo sweep). recountUsage sums the rows themselves: the tests hold the two equal.
import type { Tx } from '../db/transaction';
import { lockKey } from '../db/transaction';
import { ApiFailure } from '../http/errors';

export const QUOTA_MESSAGE = 'Dung lượng lưu trữ của tài khoản này trên máy chủ đã đầy, nên máy chủ chưa nhận thêm. '
  + 'Hồ sơ vẫn được giữ trên điện thoại và sẽ tự gửi khi có chỗ. Hãy liên hệ quản trị viên để được nới dung lượng.';

/** The bytes this account holds (its counter). */
export async function accountUsage(db: Tx, userId: string): Promise<number> {
  const row = await db.selectFrom('users').select('stored_bytes').where('id', '=', userId).executeTakeFirst();
  return Number(row?.stored_bytes ?? 0);
}

/** The bytes this account holds, summed over its photos and revisions: what the counter must equal. */
export async function recountUsage(db: Tx, userId: string): Promise<number> {
  const row = await db.selectNoFrom((eb) => [
    eb.selectFrom('photo_owners').innerJoin('photos', 'photos.sha256', 'photo_owners.sha256')
      .select((s) => s.fn.coalesce(s.fn.sum<number | string>('photos.bytes'), s.lit(0)).as('n'))
      .where('photo_owners.user_id', '=', userId)
      .as('photos'),
    eb.selectFrom('case_revisions').innerJoin('cases', 'cases.id', 'case_revisions.case_id')
      .select((s) => s.fn.coalesce(s.fn.sum<number | string>(s.fn('octet_length', ['case_revisions.fields'])), s.lit(0)).as('n'))
      .where('cases.owner_id', '=', userId).where('case_revisions.author_id', '=', userId)
      .as('revisions'),
  ]).executeTakeFirstOrThrow();
  return Number(row.photos ?? 0) + Number(row.revisions ?? 0);
}

/**
 * Serialises an account's photo uploads (PostgreSQL; SQLite's writers already are), so that "does it own these
 * bytes already?" stays true until its transaction ends.
 */
export const lockAccount = (tx: Tx, userId: string): Promise<void> => lockKey(tx, `quota:${userId}`);

/**
 * Inside a write transaction: adds `bytes` to the account's holding, or throws 507 quota when they would take it
 * over `quota` (the caller then writes nothing: its transaction is rolled back, the counter with it). One
 * statement; on PostgreSQL it holds the account's row until the commit, so concurrent writes are checked in turn.
 */
export async function takeRoom(tx: Tx, userId: string, bytes: number, quota: number): Promise<void> {
  const r = await tx.updateTable('users').set((eb) => ({ stored_bytes: eb('stored_bytes', '+', bytes) }))
    .where('id', '=', userId).where((eb) => eb(eb('stored_bytes', '+', bytes), '<=', quota))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new ApiFailure(507, { error: 'quota', message: QUOTA_MESSAGE });
}

/** Before a case's revisions are deleted: its owner no longer holds the bytes of those it wrote. */
export async function releaseRevisions(tx: Tx, caseId: string, ownerId: string): Promise<void> {
  await tx.updateTable('users').set((eb) => ({
    stored_bytes: eb('stored_bytes', '-', eb.selectFrom('case_revisions')
      .select((s) => s.fn.coalesce(s.fn.sum<number>(s.fn('octet_length', ['fields'])), s.lit(0)).as('n'))
      .where('case_id', '=', caseId).where('author_id', '=', ownerId)),
  })).where('id', '=', ownerId).execute();
}

/** Before a photo's owners are deleted: none of them holds its bytes any more. */
export async function releasePhoto(tx: Tx, sha256: string): Promise<void> {
  await tx.updateTable('users').set((eb) => ({
    stored_bytes: eb('stored_bytes', '-', eb.selectFrom('photos').select('bytes').where('sha256', '=', sha256)),
  })).where('id', 'in', (eb) => eb.selectFrom('photo_owners').select('user_id').where('sha256', '=', sha256)).execute();
}
