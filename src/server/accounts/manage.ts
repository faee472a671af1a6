// Creating accounts and setting passwords: the same steps for the command line (cli.ts) and the administration
// API (server/admin). Validation of the input is the caller's (shared/admin-protocol.ts has the rules).
import type { Role, SessionUser } from '../../shared/sync-protocol';
import type { Db } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { hashPassword } from './passwords';
import { deleteUserSessions } from './sessions';
import { findUserByUsername, insertUser, normaliseUsername, updateUser } from './users';

export class DuplicateUsername extends Error {
  constructor(readonly username: string) {
    super(`Tên đăng nhập "${username}" đã có`);
  }
}

/** SQLite and PostgreSQL report a unique-key violation differently. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

export interface NewAccount { username: string; displayName: string; role: Role; area: string; password: string }

/** Hashes the password and inserts the user; DuplicateUsername when the name is taken (also under a race). */
export async function createAccount(db: Db, account: NewAccount): Promise<SessionUser> {
  const username = normaliseUsername(account.username);
  if (await findUserByUsername(db, username)) throw new DuplicateUsername(username);
  const passwordHash = await hashPassword(account.password);
  try {
    return await insertUser(db, { ...account, username, passwordHash });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateUsername(username);
    throw err;
  }
}

/**
 * Sets a new password and signs the user out everywhere, in one transaction; an administrator changing their own
 * password stays signed in where they did it (`keepSessionToken`).
 */
export async function changePassword(db: Db, userId: string, password: string, keepSessionToken?: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await writeTransaction(db, async (tx) => {
    await updateUser(tx, userId, { password_hash: passwordHash });
    await deleteUserSessions(tx, userId, keepSessionToken);
  });
}
