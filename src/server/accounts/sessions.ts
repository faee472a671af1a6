// Server-side sessions: the cookie holds a random token, the table only its sha256 (a leaked database does
// not sign anyone in). Sliding: each use pushes the expiry back, written at most every few minutes, but never
// past the absolute maximum counted from the sign-in (SESSION_*_MAX_AGE).
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/sync-protocol';
import type { Config } from '../config';
import type { Tx } from '../db/transaction';

export const SESSION_COOKIE = 'gs_session';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const isTokenShaped = (token: string): boolean => TOKEN.test(token);

/** A reporter's value or every other role's. */
const byRole = <T>(pair: { reporter: T; staff: T }, role: Role): T => (role === 'reporter' ? pair.reporter : pair.staff);

export const sessionTtl = (config: Config, role: Role): number => byRole(config.sessionTtl, role);

/** How long a session used at `now` has left: the sliding length, cut at its absolute maximum (≤ 0: over). */
export function lifeLeft(config: Config, role: Role, createdAt: number, now: number): number {
  return Math.min(sessionTtl(config, role), createdAt + byRole(config.sessionMaxAge, role) - now);
}

/** How long after a renewal the next one is written: a 24th of the length, at most an hour. */
export const renewalInterval = (ttl: number): number => Math.min(ttl / 24, 3_600_000);

export async function createSession(db: Tx, userId: string, ttlMs: number, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insertInto('sessions').values({
    token_hash: hashToken(token),
    user_id: userId,
    created_at: now.toISOString(),
    renewed_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ttlMs).toISOString(),
  }).execute();
  return token;
}

/** The session and its (enabled) user, if the token is known and not expired. */
export function findLiveSession(db: Tx, token: string, now = new Date()) {
  return db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.token_hash', 'sessions.created_at', 'sessions.renewed_at', 'sessions.expires_at',
      'users.id', 'users.username', 'users.display_name', 'users.role', 'users.area',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function renewSession(db: Tx, tokenHash: string, ttlMs: number, now = new Date()): Promise<void> {
  await db.updateTable('sessions')
    .set({ renewed_at: now.toISOString(), expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: Tx, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** After a password, role or area change, or when disabled: signed out everywhere (but in `exceptToken`, if given). */
export async function deleteUserSessions(db: Tx, userId: string, exceptToken?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptToken) query = query.where('token_hash', '!=', hashToken(exceptToken));
  await query.execute();
}

export async function deleteExpiredSessions(db: Tx, now = new Date()): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
