// What the reporter decides about a case the server refused, changed too, or returned: they work offline, without
// a sync run, and the next run sends whatever they queued.
import type { GuongSangDb, LocalCase } from './database';
import { blobHashesOf, CaseNotEditableError, dropOrphanBlobs } from './cases';
import { writeTransaction } from './errors';
import { queueCase } from './outbox';

/** Conflict → "Giữ bản của tôi": send ours again, now based on the server's latest revision. */
export function keepMine(db: GuongSangDb, caseId: string, now = Date.now()): Promise<LocalCase> {
  return writeTransaction(db, [db.cases, db.outbox], async () => {
    const c = await db.cases.get(caseId);
    if (!c?.serverCopy || c.status !== 'conflict') throw new CaseNotEditableError();
    return queueCase(db, c, { serverRevision: c.serverCopy.revision }, now);
  });
}

/** Conflict → "Dùng bản trên máy chủ": our fields give way to the server's; photos only ours used are freed. */
export function takeServers(db: GuongSangDb, caseId: string, now = Date.now()): Promise<LocalCase> {
  return writeTransaction(db, [db.cases, db.outbox, db.blobs], async () => {
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
  });
}

/**
 * Opens a case for editing again: queued, parked (the server refused it), conflict (edit ours on top of the
 * server's latest revision) or sent and returned by a reviewer. It becomes a draft; "Hoàn tất" queues it again.
 */
export function reopenForEditing(db: GuongSangDb, caseId: string, now = Date.now()): Promise<LocalCase> {
  return writeTransaction(db, [db.cases, db.outbox], async () => {
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
  });
}
