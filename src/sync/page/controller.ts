// The page's sync driver: decides WHEN to run (app start, `online`, page visible again, a newly queued case in
// any tab, the backoff timer, "Gửi ngay", a new sign-in) and publishes a snapshot for the UI. WHAT a run does
// is ../run.ts, under the lock it shares with other tabs and the service worker (../lock.ts).
import { queueState, type QueueState } from '../../db/outbox';
import { getSessionUser } from '../../db/session';
import { withSyncLock } from '../lock';
import { runOnce, type RunOptions, type RunResult } from '../run';
import { registerBackgroundSync } from './background-sync';
import { LinkHold, serialRuns } from './pacing';
import { SnapshotStore, type SyncSnapshot } from './snapshot';
import { browserOnline, listenToPage, NO_QUEUE, watchOutbox, type OutboxNews, type OutboxView } from './triggers';

export type { SyncSnapshot } from './snapshot';

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

export function startSync(o: StartOptions): SyncController {
  return new PageSync(o);
}

class PageSync implements SyncController {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly abort = new AbortController();
  private readonly store = new SnapshotStore({ running: false, online: browserOnline(), waiting: 0, parked: 0, conflicts: 0, authRequired: false });
  private readonly hold: LinkHold;
  private readonly request: (force: boolean) => Promise<void>;
  private readonly stopWatching: () => void;
  private readonly stopListening: () => void;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private earliestRetryAt: number | undefined;
  /** The user whose outbox the watcher last saw; undefined until its first answer. */
  private userId: string | undefined;

  constructor(private readonly o: StartOptions) {
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.hold = new LinkHold(this.now, this.random);
    this.request = serialRuns((force) => this.run(force), () => this.stopped);
    this.stopWatching = watchOutbox(o.db, o.currentUserId, this.now, {
      change: (view, news) => this.outboxChanged(view, news),
      error: (error) => this.store.set({ lastError: { kind: 'server', message: String(error) } }),
    });
    this.stopListening = listenToPage({
      online: () => this.online(),
      offline: () => this.store.set({ online: false }),
      visible: () => this.automatic(),
      hidden: () => this.leaving(),
    });
  }

  snapshot(): SyncSnapshot {
    return this.store.current;
  }

  subscribe(listener: (s: SyncSnapshot) => void): () => void {
    return this.store.subscribe(listener);
  }

  syncNow(): Promise<void> {
    this.hold.lift();
    this.store.set({ authRequired: false });
    return this.request(true);
  }

  notifyQueued(): void {
    this.automatic();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.stopWatching();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.stopListening();
    this.store.clear();
  }

  // ---- triggers -----------------------------------------------------------------------------------

  /** Triggers other than "Gửi ngay": skipped while offline, signed out, waiting for a sign-in or on hold. */
  private automatic(): void {
    const s = this.store.current;
    if (this.stopped || !s.online || s.authRequired || !this.userId || this.hold.active) {
      this.schedule();
      return;
    }
    void this.request(false);
  }

  private outboxChanged(view: OutboxView, news: OutboxNews): void {
    if (this.stopped) return;
    this.showQueue(view.queue);
    this.userId = view.userId;
    if (news.newSession) {
      this.hold.reset();
      this.store.set({ authRequired: false, lastError: undefined });
    }
    if (news.first || news.newSession || news.newlyQueued) this.automatic();
    else if (!this.store.current.running) this.schedule();
  }

  private online(): void {
    this.hold.reset();
    this.store.set({ online: true });
    // A network that comes back makes every retry delay earned while it was gone moot: send now.
    if (!this.stopped && !this.store.current.authRequired && this.userId) void this.request(true);
    else this.automatic();
  }

  /** Leaving the app (switching away, screen off, closing it) is when Background Sync is worth asking for: the
   *  browser may then send the outbox with no page open. While a page is visible it sends, with progress shown. */
  private leaving(): void {
    const s = this.store.current;
    if (s.waiting > 0 && !s.authRequired) void registerBackgroundSync();
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const t = this.now();
    const wake = this.wakeTime(t);
    this.store.set({ nextAttemptAt: wake });
    if (wake !== undefined) this.timer = setTimeout(() => this.automatic(), wake - t + 50);
  }

  /** The next automatic run: at the hold's end, else when the earliest backed-off case is due; none while
   *  nothing waits, a sign-in is needed, or after stop(). */
  private wakeTime(t: number): number | undefined {
    const s = this.store.current;
    if (s.waiting === 0 || s.authRequired || this.stopped) return undefined;
    if (this.hold.until > t) return this.hold.until;
    return this.earliestRetryAt !== undefined && this.earliestRetryAt > t ? this.earliestRetryAt : undefined;
  }

  // ---- a run --------------------------------------------------------------------------------------

  private async run(force: boolean): Promise<void> {
    const userId = await this.resolveUser();
    if (!userId) {
      await this.refresh().catch(() => undefined);
      this.schedule();
      return;
    }
    this.store.set({ running: true });
    try {
      const result = await withSyncLock(() => runOnce(this.runOptions(userId, force)), { signal: this.abort.signal, db: this.o.db });
      if (result) this.afterRun(result);
    } catch (error) {
      if (!this.stopped) {
        // A storage failure or a bug: shown, and retried later like a lost link rather than in a tight loop.
        this.hold.failed();
        this.store.set({ lastError: { kind: 'server', message: error instanceof Error && error.message ? error.message : String(error) } });
      }
    } finally {
      // Counts and the next wake first, so whoever sees `running: false` sees the state after this run.
      await this.refresh().catch(() => undefined);
      this.schedule();
      this.store.set({ running: false, current: undefined });
    }
  }

  private runOptions(userId: string, force: boolean): RunOptions {
    const o = this.o;
    return {
      db: o.db, userId, random: this.random, now: this.now, signal: this.abort.signal, ignoreBackoff: force,
      onProgress: (p) => this.store.set({ current: p }),
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
      ...(o.baseTimeoutMs !== undefined ? { baseTimeoutMs: o.baseTimeoutMs } : {}),
      ...(o.minBytesPerSecond !== undefined ? { minBytesPerSecond: o.minBytesPerSecond } : {}),
    };
  }

  private afterRun(r: RunResult): void {
    const attempted = r.sent.length + r.parked.length + r.conflicts.length + r.retried.length + r.erased.length > 0;
    if (r.outcome === 'auth') {
      this.store.set({ authRequired: true, lastError: r.lastError });
    } else if (r.outcome === 'network') {
      this.hold.failed(r.retryAfterMs ?? 0);
      this.store.set({ lastError: r.lastError });
    } else if (r.outcome === 'done') {
      this.hold.reset();
      this.store.set({ authRequired: false, lastError: r.lastError ?? (attempted ? undefined : this.store.current.lastError) });
    }
  }

  // ---- the queue's counts -------------------------------------------------------------------------

  /** The page's idea of the user, else the session stored on the phone (set a moment before the page's copy). */
  private async resolveUser(): Promise<string | undefined> {
    return this.o.currentUserId() ?? (await getSessionUser(this.o.db))?.id;
  }

  private async refresh(): Promise<void> {
    const userId = await this.resolveUser();
    this.showQueue(userId ? await queueState(this.o.db, userId, this.now()) : NO_QUEUE);
  }

  private showQueue(q: QueueState): void {
    this.earliestRetryAt = q.earliestRetryAt;
    this.store.set({ waiting: q.waiting, parked: q.parked, conflicts: q.conflicts });
  }
}
