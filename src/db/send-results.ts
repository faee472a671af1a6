// What the server answered about one queued case, recorded by the sync engine (src/sync). The engine never holds
// a transaction across a network call: it reads a snapshot (./outbox.ts), ends the transaction, talks to the
// server, then records the answer here in a new transaction that first re-checks the case was not reopened,
// edited or re-queued meanwhile (`Expected`).
import type { CaseReceipt, ServerCase } from '../shared/sync-protocol';
import type { GuongSangDb, LocalCase, OutboxEntry, SyncProblem } from './database';
import { writeTransaction } from './errors';
import type { Expected } from './outbox';

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
  return writeTransaction(db, [db.cases, db.outbox], async () => {
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
  });
}

/** The server refused the case (invalid or forbidden): it leaves the queue until the reporter corrects it. */
export function markParked(db: GuongSangDb, expected: Expected, problem: SyncProblem): Promise<boolean> {
  return writeTransaction(db, [db.cases, db.outbox], async () => {
    const { c, unchanged } = await current(db, expected);
    if (!c || !unchanged) return false;
    const next: LocalCase = { ...c, status: 'parked', problem };
    delete next.serverCopy;
    await db.cases.put(next);
    await db.outbox.delete(expected.caseId);
    return true;
  });
}

/** Changed on both sides: keep the server's copy beside ours until the reporter chooses (keepMine/takeServers). */
export function markConflict(db: GuongSangDb, expected: Expected, serverCopy: ServerCase, message: string, now: number): Promise<boolean> {
  return writeTransaction(db, [db.cases, db.outbox], async () => {
    const { c, unchanged } = await current(db, expected);
    if (!c || !unchanged) return false;
    await db.cases.put({ ...c, status: 'conflict', serverCopy, problem: { kind: 'conflict', message, at: now } });
    await db.outbox.delete(expected.caseId);
    return true;
  });
}

/** A retryable failure: one more attempt, not before `nextAttemptAt(attempts)`, and why (shown to the reporter). */
export function recordRetry(
  db: GuongSangDb, expected: Expected, lastError: string, nextAttemptAt: (attempts: number) => number,
): Promise<OutboxEntry | undefined> {
  return writeTransaction(db, [db.cases, db.outbox], async () => {
    const { entry, unchanged } = await current(db, expected);
    if (!entry || !unchanged) return undefined;
    const attempts = (entry.attempts ?? 0) + 1;
    const next: OutboxEntry = { ...entry, attempts, nextAttemptAt: nextAttemptAt(attempts), lastError };
    await db.outbox.put(next);
    return next;
  });
}
