// Where Web Locks are missing (Safari before 15.4, some WebViews), tabs take turns through a lease in IndexedDB:
// a row naming its holder and when it lapses, taken and renewed in readwrite transactions, which IndexedDB runs
// one at a time across every tab of the origin. A page reloaded mid-run leaves its lease to the page that follows
// in the same tab (pagehide names it in sessionStorage). A tab killed mid-run holds it until it lapses (LEASE_MS); a tab
// frozen longer than that (a phone's deep sleep) can lose it while its run is still going, and then two runs may
// overlap: the server's idempotency (a case PUT repeated is a replay, a photo is named by its hash) covers that.
import type { GuongSangDb } from '../db/database';

export const LEASE_KEY = 'syncLease';
/** Longer than the minute a hidden Chrome tab's timers may be held back, so a busy tab renews in time. */
export const LEASE_MS = 90_000;
const RENEW_MS = 15_000;
const RETRY_MS = 2_000;

interface Lease { owner: string; until: number }

export interface LeaseOptions {
  /** Give up at once (undefined) when another holder has it. */
  ifAvailable?: boolean;
  signal?: AbortSignal;
  /** This context's name in the lease (tests play two tabs); one random id per context otherwise. */
  owner?: string;
  /** The page this tab showed before this one: gone, so its lease is free to take. */
  previous?: string;
  now?: () => number;
  /** How a waiting caller waits before it tries again (tests wait on an event). */
  retry?: (signal?: AbortSignal) => Promise<void>;
}

const thisContext = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');

// Written only as a page goes away, so a duplicated tab (which copies sessionStorage) never inherits a live page's id.
// Read at the first lease, not as the module loads: a tab's first touch of sessionStorage waits for the browser
// (milliseconds a phone's first screen need not spend, and with Web Locks no lease is ever taken).
const PREVIOUS_KEY = 'gs-sync-lease-previous';
let previousPage: { id: string | undefined } | undefined;
function previousPageId(): string | undefined {
  previousPage ??= (() => {
    try {
      const tab = (globalThis as { sessionStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).sessionStorage;
      if (!tab) return { id: undefined }; // the service worker
      addEventListener('pagehide', () => tab.setItem(PREVIOUS_KEY, thisContext));
      return { id: tab.getItem(PREVIOUS_KEY) ?? undefined };
    } catch {
      return { id: undefined }; // storage blocked
    }
  })();
  return previousPage.id;
}

/** Runs `work` holding the lease; waits for it unless `ifAvailable`. */
export async function withSyncLease<T>(db: GuongSangDb, work: () => Promise<T>, o: LeaseOptions = {}): Promise<T | undefined> {
  const owner = o.owner ?? thisContext;
  const previous = o.owner ? o.previous : previousPageId();
  const now = o.now ?? Date.now;
  while (!(await take(db, owner, now, previous))) {
    if (o.ifAvailable) return undefined;
    if (o.signal?.aborted) throw o.signal.reason ?? new DOMException('Aborted', 'AbortError');
    await (o.retry ?? pause)(o.signal);
  }
  const renewal = setInterval(() => void take(db, owner, now).catch(() => undefined), RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await release(db, owner).catch(() => undefined);
  }
}

/** Takes the lease when it is free, lapsed, left by this tab's previous page, or already ours (then renews it). */
function take(db: GuongSangDb, owner: string, now: () => number, previous?: string): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const held = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined;
    if (held && held.owner !== owner && held.owner !== previous && held.until > now()) return false;
    await db.settings.put({ key: LEASE_KEY, value: { owner, until: now() + LEASE_MS } satisfies Lease });
    return true;
  });
}

function release(db: GuongSangDb, owner: string): Promise<void> {
  return db.transaction('rw', db.settings, async () => {
    const held = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined;
    if (held?.owner === owner) await db.settings.delete(LEASE_KEY);
  });
}

function pause(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    if (signal?.aborted) return aborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, RETRY_MS);
    const onAbort = () => {
      clearTimeout(timer);
      aborted();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
