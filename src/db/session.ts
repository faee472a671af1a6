// Who is signed in on this phone. Kept in IndexedDB (not only in memory) so that the app, after a restart with
// no network, still knows whose cases to show, and the service worker knows whose outbox to send.
import type { SessionUser } from '../shared/sync-protocol';
import type { GuongSangDb } from './database';
import { guardWrite, writeTransaction } from './errors';
import { getSetting, setSetting } from './settings';

export const SESSION_KEY = 'session';
export interface LocalSession { user: SessionUser; signedInAt: number }

export async function getSessionUser(db: GuongSangDb): Promise<SessionUser | undefined> {
  return (await getSetting<LocalSession>(db, SESSION_KEY))?.user;
}

/** Stores the user and gives them the cases recorded on this phone before anyone signed in. */
export async function saveSession(db: GuongSangDb, user: SessionUser, now = Date.now()): Promise<number> {
  return writeTransaction(db, [db.settings, db.cases, db.outbox], async () => {
    await setSetting(db, SESSION_KEY, { user, signedInAt: now } satisfies LocalSession);
    const unowned = await db.cases.filter((c) => c.ownerId === undefined).toArray();
    for (const c of unowned) {
      await db.cases.put({ ...c, ownerId: user.id });
      const entry = await db.outbox.get(c.id);
      if (entry) await db.outbox.put({ ...entry, ownerId: user.id });
    }
    return unowned.length;
  });
}

/** Signing out forgets who is signed in; it never deletes, sends or reveals anyone's cases. */
export function clearSession(db: GuongSangDb) {
  return guardWrite(() => db.settings.delete(SESSION_KEY));
}
