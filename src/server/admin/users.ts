// Managing accounts: list, create, change (name, role, area, disabled) and reset passwords. Every change that
// alters what a user may do (role, area, disabling, a new password) ends that user's sessions in the same
// transaction, so an old cookie stops working at once.
import { areaProblem, type AdminUser, type UserPatch, type UserQuery } from '../../shared/admin-protocol';
import { UUID_PATTERN } from '../../shared/ids';
import type { Role, SessionUser } from '../../shared/sync-protocol';
import { matchesQuery } from '../../shared/text';
import { DuplicateUsername, changePassword, createAccount, type NewAccount } from '../accounts/manage';
import { deleteUserSessions } from '../accounts/sessions';
import { findUserById, listUsers, updateUser, type ListedUser, type UserChanges } from '../accounts/users';
import type { Db } from '../db/connect';
import { writeTransaction, type Tx } from '../db/transaction';
import { ApiFailure, invalid, notFound } from '../http/errors';

const refused = (message: string) => new ApiFailure(409, { error: 'conflict', message });

export function toAdminUser(row: ListedUser): AdminUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    area: row.area,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkArea(role: Role, area: string): void {
  const problem = areaProblem(role, area);
  if (problem) throw invalid([{ path: 'area', message: problem }]);
}

async function existing(db: Tx, id: string): Promise<ListedUser> {
  const row = UUID_PATTERN.test(id) ? await findUserById(db, id) : undefined;
  if (!row) throw notFound('Không có tài khoản này');
  return row;
}

export async function findUsers(db: Db, query: UserQuery): Promise<AdminUser[]> {
  const disabled = query.status === undefined ? undefined : query.status === 'disabled';
  const rows = await listUsers(db, { role: query.role, area: query.area, disabled });
  return rows.filter((row) => matchesQuery(query.q ?? '', row.username, row.display_name)).map(toAdminUser);
}

export async function createUser(db: Db, account: NewAccount): Promise<AdminUser> {
  checkArea(account.role, account.area);
  try {
    const user = await createAccount(db, account);
    return toAdminUser(await existing(db, user.id));
  } catch (err) {
    if (err instanceof DuplicateUsername) throw refused(`Tên đăng nhập "${err.username}" đã có, hãy chọn tên khác`);
    throw err;
  }
}

export async function changeUser(db: Db, actor: SessionUser, id: string, patch: UserPatch): Promise<AdminUser> {
  return writeTransaction(db, async (tx) => {
    const row = await existing(tx, id);
    if (actor.id === row.id && patch.disabled === true) throw refused('Bạn không thể tự khoá tài khoản của chính mình');
    if (actor.id === row.id && patch.role !== undefined && patch.role !== row.role) {
      throw refused('Bạn không thể tự đổi vai trò quản trị của chính mình; hãy nhờ một quản trị viên khác');
    }
    const role = patch.role ?? row.role;
    const area = patch.area ?? row.area;
    if (patch.role !== undefined || patch.area !== undefined) checkArea(role, area);

    const now = new Date();
    const changes: UserChanges = {};
    if (patch.displayName !== undefined) changes.display_name = patch.displayName;
    if (role !== row.role) changes.role = role;
    if (area !== row.area) changes.area = area;
    if (patch.disabled !== undefined && patch.disabled !== (row.disabled_at !== null)) {
      changes.disabled_at = patch.disabled ? now.toISOString() : null;
    }
    await updateUser(tx, row.id, changes, now);
    if (changes.role || changes.area || changes.disabled_at) await deleteUserSessions(tx, row.id);
    return toAdminUser({ ...row, ...changes, updated_at: now.toISOString() });
  });
}

/** A new password; the user is signed out everywhere (an administrator resetting their own stays signed in here). */
export async function resetPassword(db: Db, actor: SessionUser, id: string, password: string, sessionToken?: string): Promise<AdminUser> {
  const row = await existing(db, id);
  await changePassword(db, row.id, password, actor.id === row.id ? sessionToken : undefined);
  return toAdminUser(await existing(db, row.id));
}
