// One sync run: send the user's due cases (./case-pipeline.ts), then pull what reviewers did, then the reference
// lists. Used by the page (page/controller.ts) and by the service worker (background.ts); the caller holds the
// sync lock.
//
// Exactly once: every step can be interrupted (crash, reload, kill, lost link) and replayed. Photos are
// content-addressed (PUT of the same bytes is a no-op), the case PUT is idempotent on (id, content), and the
// case leaves the outbox only in the transaction that stores the server's receipt. So an interruption before
// that transaction means a replay, never a lost case; after it, the case is never sent again.
import type { GuongSangDb } from '../db/database';
import { applyChanges, getCursor } from '../db/changes-feed';
import { CasePipeline } from './case-pipeline';
import { MESSAGES, SyncApi, SyncFailure, type ApiOptions } from './http';
import { pullReferenceLists, type ListsPull } from './reference-lists';
import { noteServerDate } from './server-clock';
import type { Progress } from './send';

export type { Progress } from './send';
export type ErrorKind = 'network' | 'server' | 'auth' | 'invalid' | 'conflict';

export interface RunOptions {
  db: GuongSangDb;
  userId: string;
  fetch?: typeof fetch;
  /** '' (same origin) in the app; a full origin in tests. */
  baseUrl?: string;
  random?: () => number;
  now?: () => number;
  signal?: AbortSignal;
  /** "Gửi ngay": try every queued case now, whatever its backoff. */
  ignoreBackoff?: boolean;
  onProgress?: (progress: Progress | undefined) => void;
  /** Per-request timeouts (tests shorten them). */
  baseTimeoutMs?: number;
  minBytesPerSecond?: number;
  /** Uploads in flight at once: two keep a slow link busy while one waits on latency. */
  uploadConcurrency?: number;
}

/**
 * done: every due case was tried · network: the link failed, the rest wait for the next run · auth: the
 * server wants a new sign-in · aborted: stopped from outside.
 */
export type RunOutcome = 'done' | 'network' | 'auth' | 'aborted';

export interface RunResult {
  outcome: RunOutcome;
  sent: string[];
  parked: string[];
  conflicts: string[];
  retried: string[];
  /** Cases whose PUT answered 410 'erased': removed from the phone, a tombstone left (db/erasure.ts). */
  erased: string[];
  /** The last thing that went wrong in this run, for the UI. */
  lastError?: { kind: ErrorKind; message: string };
  /** Set when the server asked for a pause (429/503 Retry-After): no automatic run before. */
  retryAfterMs?: number;
  changesApplied: number;
  /** The editable reference lists, asked for after the changes feed (never affects the outcome). */
  lists?: ListsPull;
}

const MAX_CHANGE_PAGES = 20;

export async function runOnce(o: RunOptions): Promise<RunResult> {
  const now = o.now ?? Date.now;
  const fetchOnce = o.fetch ?? globalThis.fetch.bind(globalThis);
  // Every answer tells the server's time, which consents are stamped by (./server-clock.ts).
  const fetchNoting: typeof fetch = async (input, init) => {
    const res = await fetchOnce(input, init);
    await noteServerDate(o.db, res.headers?.get('date'));
    return res;
  };
  const apiFor = (signal: AbortSignal) => new SyncApi({
    fetch: fetchNoting, baseUrl: o.baseUrl ?? '', now, signal,
    ...(o.baseTimeoutMs === undefined ? {} : { baseTimeoutMs: o.baseTimeoutMs }),
    ...(o.minBytesPerSecond === undefined ? {} : { minBytesPerSecond: o.minBytesPerSecond }),
  } satisfies ApiOptions);
  const result: RunResult = { outcome: 'done', sent: [], parked: [], conflicts: [], retried: [], erased: [], changesApplied: 0 };
  const cases = new CasePipeline({ o, now, random: o.random ?? Math.random, apiFor, result });
  let stop: RunOutcome | undefined;
  try {
    stop = await cases.sendDue();
  } finally {
    cases.end();
    o.onProgress?.(undefined);
  }
  result.outcome = stop ?? 'done';
  if (result.outcome === 'done') {
    // Not the cases' signal: that one is aborted once the cases are done.
    const pulls = apiFor(o.signal ?? new AbortController().signal);
    await pullChanges(o, pulls, result);
    if (result.outcome === 'done') result.lists = await pullReferenceLists(o.db, pulls, now);
  }
  return result;
}

/** GET /api/sync/changes from the user's cursor until the server has nothing more (bounded per run). */
async function pullChanges(o: RunOptions, api: SyncApi, result: RunResult): Promise<void> {
  try {
    let cursor = await getCursor(o.db, o.userId);
    for (let page = 0; page < MAX_CHANGE_PAGES; page++) {
      const got = await api.changes(cursor);
      result.changesApplied += await applyChanges(o.db, o.userId, got.changes, got.cursor);
      if (!got.more || got.cursor === cursor) break;
      cursor = got.cursor;
    }
  } catch (error) {
    if (!(error instanceof SyncFailure)) throw error;
    const f = error.failure;
    if (f.kind === 'aborted') result.outcome = 'aborted';
    else if (f.kind === 'auth') { result.outcome = 'auth'; result.lastError = { kind: 'auth', message: f.message }; }
    else if (f.kind === 'network') { result.outcome = 'network'; result.lastError ??= { kind: 'network', message: f.message }; }
    else result.lastError ??= { kind: 'server', message: f.kind === 'server' ? f.message : MESSAGES.badAnswer };
  }
}
