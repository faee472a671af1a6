// Background Sync, the service worker's side (Chromium only): the page registers SYNC_TAG while cases wait
// (page/background-sync.ts); the browser then wakes the worker when it is online again — even after the app was
// closed — and the worker runs the same engine as the page.
import type { GuongSangDb } from '../db/database';
import { getSessionUser } from '../db/session';
import { runOnce, type RunResult } from './run';
import { withSyncLock } from './lock';

export const SYNC_TAG = 'guong-sang-outbox';

/**
 * The worker's answer to a 'sync' event: sends the signed-in user's outbox (the user is read from the session
 * the page stored). If a page already holds the lock it is sending, so this returns at once. Throws when the
 * link failed, so the browser schedules another 'sync' later.
 */
export async function runInServiceWorker(db: GuongSangDb, options: { fetch?: typeof fetch } = {}): Promise<RunResult | undefined> {
  const user = await getSessionUser(db);
  if (!user) return undefined;
  const result = await withSyncLock(
    // The browser fires 'sync' when it is online again: retry delays earned offline no longer apply.
    () => runOnce({ db, userId: user.id, ignoreBackoff: true, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    { ifAvailable: true, db },
  );
  if (result?.outcome === 'network') throw new Error(result.lastError?.message ?? 'network');
  return result;
}
