// The page's sync driver: decides WHEN to run (app start, `online`, page visible again, a newly queued case in
// any tab, the backoff timer, "Gửi ngay", a new sign-in) and publishes a snapshot for the UI. WHAT a run
// does is engine.ts, under the cross-tab lock (lock.ts).
import { liveQuery } from 'dexie';
import type { GuongSangDb } from '../db/database';
import { queueState, type QueueState } from '../db/outbox';
import { getSessionUser, SESSION_KEY, type LocalSession } from '../db/session';
import { backoffDelay } from './backoff';
import { runOnce, type ErrorKind, type Progress, type RunOptions, type RunResult } from './run';
import { withSyncLock } from './lock';
import { registerBackgroundSync } from './background';

export interface SyncSnapshot {
  running: boolean;
  online: boolean;
  waiting: number;
  parked: number;
  conflicts: number;
  authRequired: boolean;
  current?: Progress;
  lastError?: { kind: ErrorKind; message: string };
  nextAttemptAt?: number;
}

export interface SyncController {
  snapshot(): SyncSnapshot;
  subscribe(listener: (s: SyncSnapshot) => void): () => void;
  /** "Gửi ngay": runs now, ignoring every backoff; resolves when that run has finished. */
  syncNow(): Promise<void>;
  /** A case was just queued (the outbox is also observed, so this only saves a moment). */
  notifyQueued(): void;
  stop(): void;
}

/** The engine's connection settings (passed to every run; tests shorten timeouts), plus whose outbox to send. */
export type StartOptions = Pick<RunOptions, 'db' | 'fetch' | 'baseUrl' | 'random' | 'now' | 'baseTimeoutMs' | 'minBytesPerSecond'> & {
  currentUserId: () => string | undefined;
};

// This module is also type-checked with the WebWorker lib (src/sw), which has no window or document.
interface PageLike {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
  document: { visibilityState: string; addEventListener(type: string, fn: () => void): void; removeEventListener(type: string, fn: () => void): void };
}
const page = (globalThis as { window?: PageLike }).window;
const browserOnline = () => (typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean' ? navigator.onLine : true);

export function startSync(o: StartOptions): SyncController {
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const abort = new AbortController();
  const listeners = new Set<(s: SyncSnapshot) => void>();
  let snap: SyncSnapshot = { running: false, online: browserOnline(), waiting: 0, parked: 0, conflicts: 0, authRequired: false };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let earliestRetryAt: number | undefined;
  /** No automatic run before this (the link failed, or the server asked for a pause). */
  let holdUntil = 0;
  let linkFailures = 0;
  let known: { userId: string | undefined; signedInAt: unknown; queued: Set<string> } | undefined;
  let pending: { force: boolean } | undefined;
  let loop: Promise<void> | undefined;

  const set = (patch: Partial<SyncSnapshot>) => {
    const next = { ...snap, ...patch };
    for (const key of Object.keys(patch) as Array<keyof SyncSnapshot>) if (patch[key] === undefined) delete next[key];
    snap = next;
    for (const fn of listeners) fn(snap);
  };

  const applyQueue = (q: QueueState) => {
    earliestRetryAt = q.earliestRetryAt;
    set({ waiting: q.waiting, parked: q.parked, conflicts: q.conflicts });
  };

  /** The page's idea of the user, else the session stored on the phone (set a moment before the page's copy). */
  const resolveUser = async () => o.currentUserId() ?? (await getSessionUser(o.db))?.id;

  const refresh = async () => {
    const userId = await resolveUser();
    applyQueue(userId ? await queueState(o.db, userId, now()) : { waiting: 0, parked: 0, conflicts: 0, queuedIds: [] });
  };

  function schedule() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const t = now();
    const wake = snap.waiting === 0 || snap.authRequired || stopped
      ? undefined
      : holdUntil > t ? holdUntil : earliestRetryAt !== undefined && earliestRetryAt > t ? earliestRetryAt : undefined;
    set({ nextAttemptAt: wake });
    if (wake !== undefined) timer = setTimeout(() => automatic(), wake - t + 50);
  }

  function request(force: boolean): Promise<void> {
    if (stopped) return Promise.resolve();
    pending = { force: force || !!pending?.force };
    loop ??= drain().finally(() => { loop = undefined; });
    return loop;
  }

  async function drain() {
    while (pending && !stopped) {
      const { force } = pending;
      pending = undefined;
      await runGuarded(force);
    }
  }

  /** Triggers other than "Gửi ngay": skipped while offline, signed out, waiting for a sign-in or on hold. */
  function automatic() {
    if (stopped || !snap.online || snap.authRequired || !known?.userId || now() < holdUntil) {
      schedule();
      return;
    }
    void request(false);
  }

  async function runGuarded(force: boolean) {
    const userId = await resolveUser();
    if (!userId) { await refresh().catch(() => undefined); schedule(); return; }
    set({ running: true });
    let result: RunResult | undefined;
    try {
      result = await withSyncLock(() => runOnce({
        db: o.db, userId, random, now, signal: abort.signal, ignoreBackoff: force,
        onProgress: (p) => set({ current: p }),
        ...(o.fetch ? { fetch: o.fetch } : {}),
        ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
        ...(o.baseTimeoutMs !== undefined ? { baseTimeoutMs: o.baseTimeoutMs } : {}),
        ...(o.minBytesPerSecond !== undefined ? { minBytesPerSecond: o.minBytesPerSecond } : {}),
      }), { signal: abort.signal });
      if (result) afterRun(result);
    } catch (error) {
      if (!stopped) {
        // A storage failure or a bug: shown, and retried later like a lost link rather than in a tight loop.
        linkFailures++;
        holdUntil = now() + backoffDelay(linkFailures, random);
        set({ lastError: { kind: 'server', message: error instanceof Error && error.message ? error.message : String(error) } });
      }
    } finally {
      // Counts and the next wake first, so whoever sees `running: false` sees the state after this run.
      await refresh().catch(() => undefined);
      schedule();
      set({ running: false, current: undefined });
    }
  }

  function afterRun(r: RunResult) {
    const attempted = r.sent.length + r.parked.length + r.conflicts.length + r.retried.length > 0;
    if (r.outcome === 'auth') {
      set({ authRequired: true, lastError: r.lastError });
    } else if (r.outcome === 'network') {
      linkFailures++;
      holdUntil = now() + Math.max(backoffDelay(linkFailures, random), r.retryAfterMs ?? 0);
      set({ lastError: r.lastError });
    } else if (r.outcome === 'done') {
      linkFailures = 0;
      holdUntil = 0;
      set({ authRequired: false, lastError: r.lastError ?? (attempted ? undefined : snap.lastError) });
    }
  }

  // The outbox and the session, observed in every tab: a case queued anywhere, or a new sign-in, wakes us.
  const subscription = liveQuery(async () => {
    const session = (await o.db.settings.get(SESSION_KEY))?.value as Partial<LocalSession> | undefined;
    const userId = o.currentUserId() ?? session?.user?.id;
    const q = userId ? await queueState(o.db, userId, now()) : { waiting: 0, parked: 0, conflicts: 0, queuedIds: [] };
    return { userId, signedInAt: session?.signedInAt, q };
  }).subscribe({
    next: ({ userId, signedInAt, q }) => {
      if (stopped) return;
      applyQueue(q);
      const first = known === undefined;
      const newSession = !first && (userId !== known!.userId || signedInAt !== known!.signedInAt);
      const newlyQueued = !first && q.queuedIds.some((id) => !known!.queued.has(id));
      known = { userId, signedInAt, queued: new Set(q.queuedIds) };
      if (newSession) {
        linkFailures = 0;
        holdUntil = 0;
        set({ authRequired: false, lastError: undefined });
      }
      if (first || newSession || newlyQueued) automatic();
      else if (!snap.running) schedule();
    },
    error: (error: unknown) => set({ lastError: { kind: 'server', message: String(error) } }),
  });

  const onOnline = () => {
    linkFailures = 0;
    holdUntil = 0;
    set({ online: true });
    // A network that comes back makes every retry delay earned while it was gone moot: send now.
    if (!stopped && !snap.authRequired && known?.userId) void request(true);
    else automatic();
  };
  const onOffline = () => set({ online: false });
  // Leaving the app (switching away, screen off, closing it) is when Background Sync is worth asking for: the
  // browser may then send the outbox with no page open. While a page is visible it sends, with progress shown.
  const onVisibility = () => {
    if (page?.document.visibilityState === 'visible') automatic();
    else if (snap.waiting > 0 && !snap.authRequired) void registerBackgroundSync();
  };
  page?.addEventListener('online', onOnline);
  page?.addEventListener('offline', onOffline);
  page?.document.addEventListener('visibilitychange', onVisibility);

  return {
    snapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncNow() {
      holdUntil = 0;
      set({ authRequired: false });
      return request(true);
    },
    notifyQueued() {
      automatic();
    },
    stop() {
      stopped = true;
      abort.abort();
      subscription.unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      page?.removeEventListener('online', onOnline);
      page?.removeEventListener('offline', onOffline);
      page?.document.removeEventListener('visibilitychange', onVisibility);
      listeners.clear();
    },
  };
}
