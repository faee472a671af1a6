// Background Sync (Chromium only): the page registers a tag while cases wait; the browser then wakes the
// service worker when it is online again — even after the app was closed — and the worker runs the same
// engine. Elsewhere the page drives sync itself (controller.ts), so nothing depends on this.
import type { GuongSangDb } from '../db/database';
import { getSessionUser } from '../db/session';
import { runOnce, type RunResult } from './run';
import { withSyncLock } from './lock';

export const SYNC_TAG = 'guong-sang-outbox';

interface SyncManagerLike { register(tag: string): Promise<void> }

/** Page side: asks the browser for a 'sync' event when it has a network. Quietly does nothing without it. */
export async function registerBackgroundSync(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
    const registration = await navigator.serviceWorker.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
    if (!sync) return false;
    await sync.register(SYNC_TAG);
    return true;
  } catch {
    return false; // denied (e.g. the site's background-sync permission) or not supported
  }
}

/**
 * Service-worker side of a 'sync' event: sends the signed-in user's outbox (the user is read from the session
 * the page stored). If a page already holds the lock it is sending, so this returns at once. Throws when the
 * link failed, so the browser schedules another 'sync' later.
 */
export async function runInServiceWorker(db: GuongSangDb, options: { fetch?: typeof fetch } = {}): Promise<RunResult | undefined> {
  const user = await getSessionUser(db);
  if (!user) return undefined;
  const result = await withSyncLock(
    // The browser fires 'sync' when it is online again: retry delays earned offline no longer apply.
    () => runOnce({ db, userId: user.id, ignoreBackoff: true, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    { ifAvailable: true },
  );
  if (result?.outcome === 'network') throw new Error(result.lastError?.message ?? 'network');
  return result;
}
