// What wakes the page's sync besides its own timer: the outbox and the session, observed in every tab (a case
// queued anywhere, a new sign-in), and the page's online, offline and visibility events.
import { liveQuery } from 'dexie';
import type { GuongSangDb } from '../../db/database';
import { queueState, type QueueState } from '../../db/outbox';
import { SESSION_KEY, type LocalSession } from '../../db/session';

export const NO_QUEUE: QueueState = { waiting: 0, parked: 0, conflicts: 0, queuedIds: [] };

/** Whose outbox the page shows, and its counts. */
export interface OutboxView { userId: string | undefined; queue: QueueState }

/** What changed since the watcher's previous answer (`first`: there was none). */
export interface OutboxNews { first: boolean; newSession: boolean; newlyQueued: boolean }

/**
 * Observes the session and the user's queue (the page's idea of the user first, else the session stored on the
 * phone). Returns the function that stops observing.
 */
export function watchOutbox(
  db: GuongSangDb, currentUserId: () => string | undefined, now: () => number,
  on: { change(view: OutboxView, news: OutboxNews): void; error(error: unknown): void },
): () => void {
  let known: { userId: string | undefined; signedInAt: unknown; queued: Set<string> } | undefined;
  const subscription = liveQuery(async () => {
    const session = (await db.settings.get(SESSION_KEY))?.value as Partial<LocalSession> | undefined;
    const userId = currentUserId() ?? session?.user?.id;
    const queue = userId ? await queueState(db, userId, now()) : NO_QUEUE;
    return { userId, signedInAt: session?.signedInAt, queue };
  }).subscribe({
    next: ({ userId, signedInAt, queue }) => {
      const before = known;
      known = { userId, signedInAt, queued: new Set(queue.queuedIds) };
      on.change({ userId, queue }, {
        first: before === undefined,
        newSession: !!before && (userId !== before.userId || signedInAt !== before.signedInAt),
        newlyQueued: !!before && queue.queuedIds.some((id) => !before.queued.has(id)),
      });
    },
    error: (error: unknown) => on.error(error),
  });
  return () => subscription.unsubscribe();
}

export const browserOnline = () => (typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean' ? navigator.onLine : true);

/** Listens to the page; returns the function that stops listening. Unit tests run the controller with no page. */
export function listenToPage(on: { online(): void; offline(): void; visible(): void; hidden(): void }): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const online = () => on.online();
  const offline = () => on.offline();
  const visibility = () => (document.visibilityState === 'visible' ? on.visible() : on.hidden());
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  document.addEventListener('visibilitychange', visibility);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    document.removeEventListener('visibilitychange', visibility);
  };
}
