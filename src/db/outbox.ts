// The outbox: finalised cases waiting to leave the phone. Sending them is the sync engine's job (src/sync).
import type { CaseFields } from '../shared/case-schema';
import type { GuongSangDb } from './database';
import { guardWrite } from './errors';
import { CaseNotEditableError } from './cases';

/** Marks a validated draft as finalised and queues it, in one transaction. */
export async function finaliseCase(db: GuongSangDb, id: string, fields: CaseFields, now = Date.now()) {
  return guardWrite(() =>
    db.transaction('rw', [db.cases, db.outbox], async () => {
      const current = await db.cases.get(id);
      if (!current) throw new Error(`case ${id} not found`);
      if (current.status !== 'draft') throw new CaseNotEditableError();
      const next = { ...current, status: 'queued' as const, updatedAt: now, finalisedAt: now, fields: { ...fields, photos: current.fields.photos } };
      await db.cases.put(next);
      await db.outbox.put({ caseId: id, queuedAt: now, ...(current.ownerId ? { ownerId: current.ownerId } : {}) });
      return next;
    }),
  );
}

export const outboxCount = (db: GuongSangDb) => db.outbox.count();
