// Users: repository functions taking the db (so they run inside a transaction).
import { randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '../../shared/sync-protocol';
import type { Tx } from '../db/transaction';
import type { UsersTable } from '../db/schema';

export const normaliseUsername = (username: string): string => username.trim().normalize('NFC').toLowerCase();

export const USERNAME_PATTERN = /^[a-z0-9._-]{2,64}$/;

export function toSessionUser(row: Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'area'>): SessionUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, area: row.area };
}

export interface NewUser { username: string; displayName: string; role: Role; area: string; passwordHash: string }

export async function insertUser(db: Tx, user: NewUser, now = new Date()): Promise<SessionUser> {
  const row: UsersTable = {
    id: randomUUID(),
    username: normaliseUsername(user.username),
    display_name: user.displayName.trim(),
    role: user.role,
    area: user.area,
    password_hash: user.passwordHash,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    disabled_at: null,
  };
  await db.insertInto('users').values(row).execute();
  return toSessionUser(row);
}

export function findUserByUsername(db: Tx, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', normaliseUsername(username)).executeTakeFirst();
}

export function listUsers(db: Tx) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'area', 'created_at', 'disabled_at'])
    .orderBy('username').execute();
}

export async function setPasswordHash(db: Tx, userId: string, passwordHash: string, now = new Date()): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now.toISOString() }).where('id', '=', userId).execute();
}
