// The per-account storage quota (ACCOUNT_QUOTA_BYTES). What an account holds: the bytes of the photos it
// uploaded (photo_owners: bytes another account also sent count for both) and of the case revisions it wrote.
// Checked in the write transaction of a photo upload and of a new revision, under a per-account lock, so two
// uploads at once cannot both take the last free bytes.
import type { Tx } from '../db/transaction';
import { lockKey } from '../db/transaction';
import { ApiFailure } from '../http/errors';

export const QUOTA_MESSAGE = 'Dung lượng lưu trữ của tài khoản này trên máy chủ đã đầy, nên máy chủ chưa nhận thêm. '
  + 'Hồ sơ vẫn được giữ trên điện thoại và sẽ tự gửi khi có chỗ. Hãy liên hệ quản trị viên để được nới dung lượng.';

/** The bytes this account holds: one query. */
export async function accountUsage(db: Tx, userId: string): Promise<number> {
  const row = await db.selectNoFrom((eb) => [
    eb.selectFrom('photo_owners').innerJoin('photos', 'photos.sha256', 'photo_owners.sha256')
      .select((s) => s.fn.coalesce(s.fn.sum<number | string>('photos.bytes'), s.lit(0)).as('n'))
      .where('photo_owners.user_id', '=', userId)
      .as('photos'),
    // Only a case's owner writes its revisions: through cases.owner_id (indexed) rather than a scan of all of them.
    eb.selectFrom('case_revisions').innerJoin('cases', 'cases.id', 'case_revisions.case_id')
      .select((s) => s.fn.coalesce(s.fn.sum<number | string>(s.fn('octet_length', ['case_revisions.fields'])), s.lit(0)).as('n'))
      .where('cases.owner_id', '=', userId).where('case_revisions.author_id', '=', userId)
      .as('revisions'),
  ]).executeTakeFirstOrThrow();
  return Number(row.photos ?? 0) + Number(row.revisions ?? 0);
}

/** Serialises an account's writes that count against its quota (PostgreSQL; SQLite's writers already are). */
export const lockAccount = (tx: Tx, userId: string): Promise<void> => lockKey(tx, `quota:${userId}`);

/**
 * Inside a write transaction, after lockAccount: 507 quota when `bytes` more would take the account over `quota`
 * (the caller then writes nothing).
 */
export async function requireRoom(tx: Tx, userId: string, bytes: number, quota: number): Promise<void> {
  if ((await accountUsage(tx, userId)) + bytes > quota) {
    throw new ApiFailure(507, { error: 'quota', message: QUOTA_MESSAGE });
  }
}
