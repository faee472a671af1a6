// One sync run: send the user's due cases, then pull what reviewers did. Used by the page (controller.ts) and
// by the service worker (background.ts); the caller holds the sync lock.
//
// Exactly once: every step can be interrupted (crash, reload, kill, lost link) and replayed. Photos are
// content-addressed (PUT of the same bytes is a no-op), the case PUT is idempotent on (id, content), and the
// case leaves the outbox only in the transaction that stores the server's receipt. So an interruption before
// that transaction means a replay, never a lost case; after it, the case is never sent again.
//
// On a slow link with long latency the round trips between photos would leave the link idle, so cases overlap
// by one step: while case n's PUT waits for its answer, case n+1's photos already go up, and case n+1's HEAD
// probes are made while case n uploads. Every acknowledgement is still per case, in its own transaction.
import type { GuongSangDb } from '../db/database';
import { dueEntries, readForSending, type Expected, type SendSnapshot } from '../db/outbox';
import { markConflict, markParked, markSent, recordRetry } from '../db/send-results';
import { applyChanges, getCursor } from '../db/changes-feed';
import { nextAttemptTime } from './backoff';
import { MESSAGES, SyncApi, SyncFailure, type ApiOptions, type Failure } from './http';
import { pullReferenceLists, type ListsPull } from './reference-lists';
import { CaseSender, probe, type Progress } from './send';

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
  /** The last thing that went wrong in this run, for the UI. */
  lastError?: { kind: ErrorKind; message: string };
  /** Set when the server asked for a pause (429/503 Retry-After): no automatic run before. */
  retryAfterMs?: number;
  changesApplied: number;
  /** The editable reference lists, asked for after the changes feed (never affects the outcome). */
  lists?: ListsPull;
}

const MAX_CHANGE_PAGES = 20;
const PREFETCH_CONCURRENCY = 3;

function linked(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller;
}

export async function runOnce(o: RunOptions): Promise<RunResult> {
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const run = linked(o.signal ?? new AbortController().signal);
  const apiWith = (signal: AbortSignal) => new SyncApi({
    fetch: o.fetch ?? globalThis.fetch.bind(globalThis), baseUrl: o.baseUrl ?? '', now, signal,
    ...(o.baseTimeoutMs === undefined ? {} : { baseTimeoutMs: o.baseTimeoutMs }),
    ...(o.minBytesPerSecond === undefined ? {} : { minBytesPerSecond: o.minBytesPerSecond }),
  } satisfies ApiOptions);
  const api = apiWith(run.signal);
  const result: RunResult = { outcome: 'done', sent: [], parked: [], conflicts: [], retried: [], changesApplied: 0 };
  const tried = new Set<string>();
  const prefetched = new Map<string, Promise<Map<string, boolean> | undefined>>();
  let current: string | undefined;
  let finishing: Promise<RunOutcome | undefined> | undefined;
  let stop: RunOutcome | undefined;

  const fail = async (snap: SendSnapshot, error: unknown) => {
    if (!(error instanceof SyncFailure)) throw error;
    return onFailure(o, snap.expected, error.failure, result, now, random);
  };
  const settle = async () => {
    const pending = finishing;
    finishing = undefined;
    return pending && (await pending);
  };
  // HEADs for a case that comes later: only a hint (a wrong "present" is caught by the PUT's 409 missing-photos).
  const prefetch = (caseId: string) => {
    if (prefetched.has(caseId)) return;
    prefetched.set(caseId, readForSending(o.db, caseId)
      .then((s) => (s ? probe(api, s.blobs.map((b) => b.sha256), PREFETCH_CONCURRENCY) : undefined))
      .catch(() => undefined));
  };

  try {
    // Re-read the queue before every case: cases queued meanwhile (any tab) join this run, reopened ones leave it.
    for (;;) {
      if (run.signal.aborted) { stop = 'aborted'; break; }
      const due = (await dueEntries(o.db, o.userId, now(), o.ignoreBackoff)).filter((e) => !tried.has(e.caseId));
      const entry = due[0];
      if (!entry) break;
      tried.add(entry.caseId);
      const snap = await readForSending(o.db, entry.caseId);
      if (!snap) continue;
      if (snap.missingLocal.length) {
        await onFailure(o, snap.expected, { kind: 'invalid', status: 0, forbidden: false, message: MESSAGES.lost }, result, now, random);
        continue;
      }
      const own = linked(run.signal);
      const sender = new CaseSender(o.db, apiWith(own.signal), snap, (p) => { if (current === p.caseId) o.onProgress?.(p); }, o.uploadConcurrency);
      current = snap.expected.caseId;
      const known = await prefetched.get(current);
      if (due[1]) prefetch(due[1].caseId);
      const photos = sender.sendPhotos(known).then(() => undefined, (error: unknown) => error ?? new Error('upload failed'));
      const previous = await settle();
      if (previous) {
        own.abort(); // the previous case stopped the run: this one was not really tried
        await photos;
        stop = previous;
        break;
      }
      const photoError = await photos;
      if (photoError) {
        stop = await fail(snap, photoError);
        if (stop) break;
        continue;
      }
      finishing = sender.putCase().then(
        async (receipt) => {
          if ((await markSent(o.db, snap.expected, receipt)) === 'sent') result.sent.push(snap.expected.caseId);
          return undefined;
        },
        (error: unknown) => fail(snap, error),
      );
      finishing.catch(() => undefined); // awaited by settle(); this only keeps a storage failure from being "unhandled"
    }
    stop ??= await settle();
  } finally {
    run.abort(); // nothing of this run outlives it (prefetches included)
    o.onProgress?.(undefined);
  }
  result.outcome = stop ?? 'done';
  if (result.outcome === 'done') {
    // Not the run's own signal: that one is aborted once the cases are done.
    const pulls = apiWith(o.signal ?? new AbortController().signal);
    await pullChanges(o, pulls, result);
    if (result.outcome === 'done') result.lists = await pullReferenceLists(o.db, pulls, now);
  }
  return result;
}

async function onFailure(o: RunOptions, expected: Expected, f: Failure, result: RunResult, now: () => number, random: () => number): Promise<RunOutcome | undefined> {
  switch (f.kind) {
    case 'aborted':
      return 'aborted';
    case 'auth':
      // Nothing is charged to the case: it did nothing wrong. The whole run stops until the user signs in.
      result.lastError = { kind: 'auth', message: f.message };
      return 'auth';
    case 'invalid': {
      const problem = { kind: f.forbidden ? ('forbidden' as const) : ('invalid' as const), message: f.message, at: now(), ...(f.issues ? { issues: f.issues } : {}) };
      if (await markParked(o.db, expected, problem)) result.parked.push(expected.caseId);
      result.lastError = { kind: 'invalid', message: f.message };
      return undefined;
    }
    case 'conflict':
      if (await markConflict(o.db, expected, f.server, f.message, now())) result.conflicts.push(expected.caseId);
      result.lastError = { kind: 'conflict', message: f.message };
      return undefined;
    case 'missing-photos':
    case 'server':
    case 'network': {
      const retryAfterMs = f.kind === 'server' ? f.retryAfterMs : undefined;
      await recordRetry(o.db, expected, f.message, (attempts) => nextAttemptTime(attempts, now(), random, retryAfterMs));
      result.retried.push(expected.caseId);
      result.lastError = { kind: f.kind === 'network' ? 'network' : 'server', message: f.message };
      // A dead link fails every case the same way, and a server that asks for a pause means all of us: end the
      // run without charging the other cases. A plain 5xx may be this case's own trouble: go on with the others.
      if (f.kind === 'network') return 'network';
      if (f.kind === 'server' && (f.status === 429 || retryAfterMs !== undefined)) {
        result.retryAfterMs = retryAfterMs ?? 0;
        return 'network';
      }
      return undefined;
    }
  }
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
