// Users: repository functions taking the db (so they run inside a transaction).
import { randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '../../shared/sync-protocol';
import type { Insertable } from 'kysely';
import type { Tx } from '../db/transaction';
import type { UsersTable } from '../db/schema';

export const normaliseUsername = (username: string): string => username.trim().normalize('NFC').toLowerCase();

export function toSessionUser(row: Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'area'>): SessionUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, area: row.area };
}

export interface NewUser { username: string; displayName: string; role: Role; area: string; passwordHash: string }

export async function insertUser(db: Tx, user: NewUser, now = new Date()): Promise<SessionUser> {
  const row = {
    id: randomUUID(),
    username: normaliseUsername(user.username),
    display_name: user.displayName.trim(),
    role: user.role,
    area: user.area,
    password_hash: user.passwordHash,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    disabled_at: null,
  } satisfies Insertable<UsersTable>;
  await db.insertInto('users').values(row).execute();
  return toSessionUser(row);
}

export function findUserByUsername(db: Tx, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', normaliseUsername(username)).executeTakeFirst();
}

const LISTED = ['id', 'username', 'display_name', 'role', 'area', 'created_at', 'updated_at', 'disabled_at'] as const;
export type ListedUser = Pick<UsersTable, (typeof LISTED)[number]>;

export function findUserById(db: Tx, id: string): Promise<ListedUser | undefined> {
  return db.selectFrom('users').select(LISTED).where('id', '=', id).executeTakeFirst();
}

/** Every account (no password hashes), by username; optionally only one role, area, or enabled/disabled. */
export function listUsers(db: Tx, filter: { role?: Role; area?: string; disabled?: boolean } = {}): Promise<ListedUser[]> {
  let query = db.selectFrom('users').select(LISTED).orderBy('username');
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.area) query = query.where('area', '=', filter.area);
  if (filter.disabled !== undefined) query = query.where('disabled_at', filter.disabled ? 'is not' : 'is', null);
  return query.execute();
}

export type UserChanges = Partial<Pick<UsersTable, 'display_name' | 'role' | 'area' | 'disabled_at' | 'password_hash'>>;

export async function updateUser(db: Tx, userId: string, changes: UserChanges, now = new Date()): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: now.toISOString() }).where('id', '=', userId).execute();
}
