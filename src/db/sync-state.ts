// Repository functions of the sync engine (src/sync). The engine never holds a transaction across a network
// call: it reads a snapshot here, ends the transaction, talks to the server, then acknowledges in a new
// transaction that first re-checks the case was not reopened, edited or re-queued meanwhile (`Expected`).
import type { CaseChange, CaseReceipt, ServerCase } from '../shared/sync-protocol';
import { FIRST_CURSOR } from '../shared/sync-protocol';
import type { GuongSangDb, LocalCase, OutboxEntry, ReviewerNote, SyncProblem } from './database';
import { blobHashesOf, CaseNotEditableError, dropOrphanBlobs } from './cases';
import { guardWrite } from './errors';
import { getSetting } from './settings';

/** The version of a queued case the engine read before going to the network. */
export interface Expected { caseId: string; updatedAt: number; queuedAt: number }

export interface BlobToSend { sha256: string; bytes: number }

export interface SendSnapshot {
  case: LocalCase;
  entry: OutboxEntry;
  expected: Expected;
  /** Photos and thumbnails, each hash once, with the byte sizes recorded when they were stored. */
  blobs: BlobToSend[];
  /** Hashes the case lists that are not in the blobs table (should never happen; such a case is parked). */
  missingLocal: string[];
}

const isDue = (e: OutboxEntry, now: number) => e.nextAttemptAt === undefined || e.nextAttemptAt <= now;

/** The user's queued cases and their outbox entries (a shared phone never sends another user's cases). */
async function userQueue(db: GuongSangDb, userId: string): Promise<Array<{ entry: OutboxEntry; case: LocalCase }>> {
  return db.transaction('r', [db.outbox, db.cases], async () => {
    const entries = await db.outbox.toArray();
    const cases = await db.cases.bulkGet(entries.map((e) => e.caseId));
    const out: Array<{ entry: OutboxEntry; case: LocalCase }> = [];
    entries.forEach((entry, i) => {
      const c = cases[i];
      if (c && c.ownerId === userId && c.status === 'queued') out.push({ entry, case: c });
    });
    return out;
  });
}

/** Entries to try now, never-tried ones first (a case that keeps failing never holds up new ones), then by age. */
export async function dueEntries(db: GuongSangDb, userId: string, now: number, ignoreBackoff = false): Promise<OutboxEntry[]> {
  const queue = await userQueue(db, userId);
  return queue
    .map((q) => q.entry)
    .filter((e) => ignoreBackoff || isDue(e, now))
    .sort((a, b) => Number((a.attempts ?? 0) > 0) - Number((b.attempts ?? 0) > 0) || a.queuedAt - b.queuedAt);
}

export interface QueueState { waiting: number; parked: number; conflicts: number; queuedIds: string[]; earliestRetryAt?: number }

/** Counts for the UI and the earliest time a backed-off case may be tried again. */
export async function queueState(db: GuongSangDb, userId: string, now: number): Promise<QueueState> {
  const [queue, parked, conflicts] = await db.transaction('r', [db.outbox, db.cases], () => Promise.all([
    userQueue(db, userId),
    db.cases.where('[ownerId+status]').equals([userId, 'parked']).count(),
    db.cases.where('[ownerId+status]').equals([userId, 'conflict']).count(),
  ]));
  const later = queue.map((q) => q.entry.nextAttemptAt).filter((t): t is number => t !== undefined && t > now);
  const state: QueueState = { waiting: queue.length, parked, conflicts, queuedIds: queue.map((q) => q.case.id) };
  if (later.length) state.earliestRetryAt = Math.min(...later);
  return state;
}

/** Reads one queued case with the sizes of its blobs, and which of them are missing on the phone. */
export async function readForSending(db: GuongSangDb, caseId: string): Promise<SendSnapshot | undefined> {
  return db.transaction('r', [db.cases, db.outbox, db.blobs], async () => {
    const [c, entry] = await Promise.all([db.cases.get(caseId), db.outbox.get(caseId)]);
    if (!c || !entry || c.status !== 'queued') return undefined;
    const sizes = new Map<string, number>();
    for (const p of c.fields.photos) {
      sizes.set(p.sha256, p.bytes);
      sizes.set(p.thumbSha256, p.thumbBytes);
    }
    const hashes = [...sizes.keys()];
    const present = new Set(await db.blobs.where(':id').anyOf(hashes).primaryKeys());
    return {
      case: c, entry,
      expected: { caseId, updatedAt: c.updatedAt, queuedAt: entry.queuedAt },
      blobs: hashes.map((sha256) => ({ sha256, bytes: sizes.get(sha256)! })),
      missingLocal: hashes.filter((h) => !present.has(h)),
    };
  });
}

export async function readBlobBytes(db: GuongSangDb, sha256: string): Promise<ArrayBuffer | undefined> {
  return (await db.blobs.get(sha256))?.bytes;
}

/** Reads the case and its entry inside an rw transaction; `unchanged` is false if either moved on. */
async function current(db: GuongSangDb, expected: Expected) {
  const [c, entry] = await Promise.all([db.cases.get(expected.caseId), db.outbox.get(expected.caseId)]);
  const unchanged = !!c && !!entry && c.status === 'queued' && c.updatedAt === expected.updatedAt && entry.queuedAt === expected.queuedAt;
  return { c, entry, unchanged };
}

/**
 * The server confirmed the case and all its photos: status 'sent' with the receipt, and the outbox entry goes,
 * in one transaction. Nothing else is deleted (photos stay: a reviewer may return the case).
 * If the reporter changed the case during the upload it stays as they left it; only its base revision moves
 * to the one the server now holds, so their next send updates it instead of conflicting with their own copy.
 */
export function markSent(db: GuongSangDb, expected: Expected, receipt: CaseReceipt): Promise<'sent' | 'changed'> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox], async () => {
      const { c, unchanged } = await current(db, expected);
      if (!c) return 'changed';
      if (!unchanged) {
        if (receipt.revision > (c.serverRevision ?? 0)) await db.cases.put({ ...c, serverRevision: receipt.revision });
        return 'changed';
      }
      const next: LocalCase = { ...c, status: 'sent', receipt, serverRevision: receipt.revision, serverStatus: receipt.status };
      delete next.problem;
      delete next.serverCopy;
      await db.cases.put(next);
      await db.outbox.delete(expected.caseId);
      return 'sent';
    }),
  );
}

/** The server refused the case (invalid or forbidden): it leaves the queue until the reporter corrects it. */
export function markParked(db: GuongSangDb, expected: Expected, problem: SyncProblem): Promise<boolean> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox], async () => {
      const { c, unchanged } = await current(db, expected);
      if (!c || !unchanged) return false;
      const next: LocalCase = { ...c, status: 'parked', problem };
      delete next.serverCopy;
      await db.cases.put(next);
      await db.outbox.delete(expected.caseId);
      return true;
    }),
  );
}

/** Changed on both sides: keep the server's copy beside ours until the reporter chooses (keepMine/takeServers). */
export function markConflict(db: GuongSangDb, expected: Expected, serverCopy: ServerCase, message: string, now: number): Promise<boolean> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox], async () => {
      const { c, unchanged } = await current(db, expected);
      if (!c || !unchanged) return false;
      await db.cases.put({ ...c, status: 'conflict', serverCopy, problem: { kind: 'conflict', message, at: now } });
      await db.outbox.delete(expected.caseId);
      return true;
    }),
  );
}

/** A retryable failure: one more attempt, not before `nextAttemptAt(attempts)`, and why (shown to the reporter). */
export function recordRetry(
  db: GuongSangDb, expected: Expected, lastError: string, nextAttemptAt: (attempts: number) => number,
): Promise<OutboxEntry | undefined> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox], async () => {
      const { entry, unchanged } = await current(db, expected);
      if (!entry || !unchanged) return undefined;
      const attempts = (entry.attempts ?? 0) + 1;
      const next: OutboxEntry = { ...entry, attempts, nextAttemptAt: nextAttemptAt(attempts), lastError };
      await db.outbox.put(next);
      return next;
    }),
  );
}

// ---- changes feed ---------------------------------------------------------------------------------

export const cursorKey = (userId: string) => `sync-cursor:${userId}`;

export async function getCursor(db: GuongSangDb, userId: string): Promise<string> {
  return (await getSetting<string>(db, cursorKey(userId))) ?? FIRST_CURSOR;
}

/**
 * Stores what reviewers did (status, comments) on the user's cases and advances the cursor, in one transaction,
 * so a crash never skips a change. Never touches updatedAt: that is how acknowledgements detect the
 * reporter's own edits. Returns how many local cases changed.
 */
export function applyChanges(db: GuongSangDb, userId: string, changes: readonly CaseChange[], cursor: string): Promise<number> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.settings], async () => {
      const byCase = new Map<string, CaseChange[]>();
      for (const ch of changes) byCase.set(ch.caseId, [...(byCase.get(ch.caseId) ?? []), ch]);
      let touched = 0;
      for (const [caseId, list] of byCase) {
        const c = await db.cases.get(caseId);
        if (!c || c.ownerId !== userId) continue;
        const notes = new Map<number, ReviewerNote>((c.notes ?? []).map((n) => [n.seq, n]));
        for (const ch of list) notes.set(ch.seq, { seq: ch.seq, status: ch.status, comment: ch.comment, actor: ch.actor, at: ch.at });
        const sorted = [...notes.values()].sort((a, b) => a.seq - b.seq);
        await db.cases.put({ ...c, notes: sorted, serverStatus: sorted[sorted.length - 1]!.status });
        touched++;
      }
      await db.settings.put({ key: cursorKey(userId), value: cursor });
      return touched;
    }),
  );
}

// ---- the reporter's choices -----------------------------------------------------------------------

async function requeue(db: GuongSangDb, c: LocalCase, patch: Partial<LocalCase>, now: number): Promise<LocalCase> {
  const next: LocalCase = { ...c, ...patch, status: 'queued', updatedAt: now, finalisedAt: now };
  delete next.serverCopy;
  delete next.problem;
  await db.cases.put(next);
  await db.outbox.put({ caseId: c.id, queuedAt: now, ...(c.ownerId ? { ownerId: c.ownerId } : {}) });
  return next;
}

/** Conflict → "Giữ bản của tôi": send ours again, now based on the server's latest revision. */
export function keepMine(db: GuongSangDb, caseId: string, now = Date.now()): Promise<LocalCase> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox], async () => {
      const c = await db.cases.get(caseId);
      if (!c?.serverCopy || c.status !== 'conflict') throw new CaseNotEditableError();
      return requeue(db, c, { serverRevision: c.serverCopy.revision }, now);
    }),
  );
}

/** Conflict → "Dùng bản trên máy chủ": our fields give way to the server's; photos only ours used are freed. */
export function takeServers(db: GuongSangDb, caseId: string, now = Date.now()): Promise<LocalCase> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox, db.blobs], async () => {
      const c = await db.cases.get(caseId);
      if (!c?.serverCopy || c.status !== 'conflict') throw new CaseNotEditableError();
      const s = c.serverCopy;
      const next: LocalCase = {
        ...c, status: 'sent', updatedAt: now, fields: { ...s.fields }, blobHashes: blobHashesOf(s.fields.photos),
        serverRevision: s.revision, serverStatus: s.status,
        receipt: {
          caseId, revision: s.revision, receivedAt: s.updatedAt, status: s.status,
          photosConfirmed: s.fields.photos.length, photosTotal: s.fields.photos.length, replay: true,
        },
      };
      delete next.serverCopy;
      delete next.problem;
      await db.cases.put(next);
      await db.outbox.delete(caseId);
      await dropOrphanBlobs(db, c.blobHashes.filter((h) => !next.blobHashes.includes(h)));
      return next;
    }),
  );
}

/**
 * Opens a case for editing again: queued, parked (the server refused it), conflict (edit ours on top of the
 * server's latest revision) or sent and returned by a reviewer. It becomes a draft; "Hoàn tất" queues it again.
 */
export function reopenForEditing(db: GuongSangDb, caseId: string, now = Date.now()): Promise<LocalCase> {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox], async () => {
      const c = await db.cases.get(caseId);
      if (!c) throw new Error(`case ${caseId} not found`);
      if (c.status === 'draft') return c;
      const returned = c.status === 'sent' && c.serverStatus === 'returned';
      if (!(c.status === 'queued' || c.status === 'parked' || c.status === 'conflict' || returned)) throw new CaseNotEditableError();
      const next: LocalCase = { ...c, status: 'draft', updatedAt: now };
      if (c.status === 'conflict' && c.serverCopy) next.serverRevision = c.serverCopy.revision;
      delete next.finalisedAt;
      delete next.serverCopy;
      delete next.problem;
      await db.cases.put(next);
      await db.outbox.delete(caseId);
      return next;
    }),
  );
}
