// One sync run at a time across every tab and the service worker (Web Locks: released by the browser when
// the holder dies, so a killed tab never leaves the queue locked). Where Web Locks are missing, an in-memory
// flag keeps this context from running twice and a lease in IndexedDB (./lease.ts) keeps other tabs out.
import type { GuongSangDb } from '../db/database';
import { withSyncLease } from './lease';

export const SYNC_LOCK = 'guong-sang-sync';

let localBusy: Promise<unknown> | undefined;

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, cb: (lock: unknown) => Promise<T>): Promise<T>;
}

function lockManager(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

/**
 * Runs `work` holding the sync lock. `ifAvailable`: give up at once (returns undefined) when someone else
 * holds it — the service worker does that, since the page that holds it is already sending.
 */
export async function withSyncLock<T>(
  work: () => Promise<T>,
  options: { ifAvailable?: boolean; signal?: AbortSignal; db?: GuongSangDb } = {},
): Promise<T | undefined> {
  const locks = lockManager();
  if (locks) {
    const request = options.ifAvailable ? { ifAvailable: true } : options.signal ? { signal: options.signal } : {};
    return locks.request(SYNC_LOCK, request, async (lock) => (lock === null ? undefined : work()));
  }
  while (localBusy) {
    if (options.ifAvailable) return undefined;
    await localBusy.catch(() => undefined);
  }
  const { db } = options;
  const running = db ? withSyncLease(db, work, options) : work();
  localBusy = running;
  try {
    return await running;
  } finally {
    localBusy = undefined;
  }
}
