// The outbox: finalised cases waiting to leave the phone. A case enters it here and only here; sending it is the
// sync engine's job (src/sync), which reads the queue below and records each answer in ./send-results.ts.
import type { CaseFields } from '../shared/case-schema';
import type { GuongSangDb, LocalCase, OutboxEntry } from './database';
import { readDraft } from './cases';
import { writeTransaction } from './errors';

/**
 * The one place an outbox entry is made. It belongs to the case's owner; a case nobody owns yet (recorded, or
 * imported, before anyone signed in) gets an entry without one, and both are adopted at the next sign-in.
 * Call inside a transaction that covers the outbox.
 */
export function enqueue(db: GuongSangDb, c: LocalCase, queuedAt: number) {
  return db.outbox.put({ caseId: c.id, queuedAt, ...(c.ownerId ? { ownerId: c.ownerId } : {}) });
}

/** Queues a case (again): finalised now, with no refusal or conflict left on it. Call inside a transaction
 *  that covers cases and the outbox. */
export async function queueCase(db: GuongSangDb, c: LocalCase, patch: Partial<LocalCase>, now: number): Promise<LocalCase> {
  const next: LocalCase = { ...c, ...patch, status: 'queued', updatedAt: now, finalisedAt: now };
  delete next.serverCopy;
  delete next.problem;
  await db.cases.put(next);
  await enqueue(db, next, now);
  return next;
}

/** Marks a validated draft as finalised and queues it, in one transaction. */
export function finaliseCase(db: GuongSangDb, id: string, fields: CaseFields, now = Date.now()): Promise<LocalCase> {
  return writeTransaction(db, [db.cases, db.outbox], async () => {
    const draft = await readDraft(db, id);
    return queueCase(db, draft, { fields: { ...fields, photos: draft.fields.photos } }, now);
  });
}

export const outboxCount = (db: GuongSangDb) => db.outbox.count();
/** A queued case's entry: its attempts and why the last one failed (shown on the case's screen). */
export const outboxEntry = (db: GuongSangDb, caseId: string) => db.outbox.get(caseId);

// ---- the queue as the sync engine reads it ----------------------------------------------------------

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
