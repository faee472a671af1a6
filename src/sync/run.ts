// One sync run: send the user's due cases one by one, then pull what reviewers did. Used by the page
// (controller.ts) and by the service worker (background.ts); the caller holds the sync lock.
//
// Exactly once: every step can be interrupted (crash, reload, kill, lost link) and replayed. Photos are
// content-addressed (PUT of the same bytes is a no-op), the case PUT is idempotent on (id, content), and the
// case leaves the outbox only in the transaction that stores the server's receipt. So an interruption before
// that transaction means a replay, never a lost case; after it, the case is never sent again.
import type { CaseFields } from '../shared/case-schema';
import type { CaseReceipt } from '../shared/sync-protocol';
import type { GuongSangDb } from '../db/database';
import {
  applyChanges, dueEntries, getCursor, markConflict, markParked, markSent, readBlobBytes, readForSending, recordRetry,
  type Expected, type SendSnapshot,
} from '../db/sync-state';
import { nextAttemptTime } from './backoff';
import { MESSAGES, SyncApi, SyncFailure, type Failure } from './http';

export type ErrorKind = 'network' | 'server' | 'auth' | 'invalid' | 'conflict';

export interface Progress { caseId: string; label: string; sentBytes: number; totalBytes: number }

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
}

const HEAD_CONCURRENCY = 4;
const MAX_CHANGE_PAGES = 20;

/** Runs `work` over items with at most `limit` at a time; the first failure stops new work and is thrown. */
async function eachLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed !== undefined) throw failed;
}

export async function runOnce(o: RunOptions): Promise<RunResult> {
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const api = new SyncApi({
    fetch: o.fetch ?? globalThis.fetch.bind(globalThis), baseUrl: o.baseUrl ?? '', now,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.baseTimeoutMs === undefined ? {} : { baseTimeoutMs: o.baseTimeoutMs }),
    ...(o.minBytesPerSecond === undefined ? {} : { minBytesPerSecond: o.minBytesPerSecond }),
  });
  const result: RunResult = { outcome: 'done', sent: [], parked: [], conflicts: [], retried: [], changesApplied: 0 };
  const tried = new Set<string>();

  // Re-read the queue after every case: cases queued meanwhile (any tab) join this run, reopened ones leave it.
  for (;;) {
    if (o.signal?.aborted) { result.outcome = 'aborted'; break; }
    const due = (await dueEntries(o.db, o.userId, now(), o.ignoreBackoff)).filter((e) => !tried.has(e.caseId));
    const entry = due[0];
    if (!entry) break;
    tried.add(entry.caseId);
    const snap = await readForSending(o.db, entry.caseId);
    if (!snap) continue;
    const stop = await sendCase(o, api, snap, result, now, random);
    o.onProgress?.(undefined);
    if (stop) { result.outcome = stop; break; }
  }

  if (result.outcome === 'done') await pullChanges(o, api, result);
  return result;
}

/** Sends one case; returns a reason to end the run, or undefined to go on with the next case. */
async function sendCase(o: RunOptions, api: SyncApi, snap: SendSnapshot, result: RunResult, now: () => number, random: () => number): Promise<RunOutcome | undefined> {
  const { expected } = snap;
  if (snap.missingLocal.length) {
    const message = `Ảnh của hồ sơ này không còn trên máy (${snap.missingLocal.length} tệp). Hãy mở hồ sơ, xoá ảnh lỗi và chụp lại.`;
    await markParked(o.db, expected, { kind: 'invalid', message, at: now() });
    result.parked.push(expected.caseId);
    result.lastError = { kind: 'invalid', message };
    return undefined;
  }
  const progress = {
    caseId: expected.caseId, label: snap.case.fields.subjectName?.trim() || 'Hồ sơ chưa có tên',
    sentBytes: 0, totalBytes: snap.blobs.reduce((n, b) => n + b.bytes, 0),
  };
  const sizes = new Map(snap.blobs.map((b) => [b.sha256, b.bytes]));
  const report = () => o.onProgress?.({ ...progress });
  report();

  const upload = async (hashes: readonly string[]) => {
    await eachLimit(hashes, o.uploadConcurrency ?? 2, async (sha256) => {
      const bytes = await readBlobBytes(o.db, sha256);
      if (!bytes) throw new SyncFailure({ kind: 'invalid', status: 0, forbidden: false, message: 'Ảnh của hồ sơ này không còn trên máy. Hãy mở hồ sơ và chụp lại.' });
      await api.putPhoto(sha256, bytes);
      progress.sentBytes += sizes.get(sha256) ?? bytes.byteLength;
      report();
    });
  };

  try {
    const missing: string[] = [];
    await eachLimit(snap.blobs, HEAD_CONCURRENCY, async ({ sha256, bytes }) => {
      if (await api.hasPhoto(sha256)) progress.sentBytes += bytes;
      else missing.push(sha256);
    });
    report();
    await upload(missing);
    const body = { baseRevision: snap.case.serverRevision ?? 0, fields: snap.case.fields as CaseFields };
    let receipt: CaseReceipt;
    try {
      receipt = await api.putCase(expected.caseId, body);
    } catch (error) {
      // The server lost or never got some photo (or a HEAD was answered by something else): send it, once.
      if (!(error instanceof SyncFailure) || error.failure.kind !== 'missing-photos') throw error;
      const ours = error.failure.missing.filter((h) => sizes.has(h));
      if (ours.length === 0) throw new SyncFailure({ kind: 'server', status: 409, message: error.failure.message });
      progress.sentBytes = Math.max(0, progress.sentBytes - ours.reduce((n, h) => n + (sizes.get(h) ?? 0), 0));
      await upload(ours);
      receipt = await api.putCase(expected.caseId, body);
    }
    if (receipt.photosConfirmed !== receipt.photosTotal) {
      throw new SyncFailure({ kind: 'server', status: 200, message: `Máy chủ mới nhận ${receipt.photosConfirmed}/${receipt.photosTotal} ảnh. Máy sẽ tự gửi lại.` });
    }
    if ((await markSent(o.db, expected, receipt)) === 'sent') result.sent.push(expected.caseId);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyncFailure)) throw error;
    return onFailure(o, expected, error.failure, result, now, random);
  }
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
