// A case erased on the server at the data subject's request (the changes feed says 'erased', or its PUT answers
// 410 'erased'): the phone removes its copy — fields, notes, photos, thumbnails, outbox entry — and keeps only a
// tombstone (ErasedCase) so the reporter learns why the case left the list, until they dismiss it.
import type { GuongSangDb, ErasedCase, LocalCase } from './database';
import { removeLocalCase } from './cases';
import { writeTransaction } from './errors';

/** The tables an erasure writes: a caller's transaction that erases must cover them all. */
export const erasureTables = (db: GuongSangDb) => [db.cases, db.blobs, db.outbox, db.tombstones];

/** Removes the local copy of `c` and leaves its tombstone. Call inside a transaction over erasureTables(db). */
export async function replaceWithTombstone(db: GuongSangDb, c: LocalCase, erasedAt: string): Promise<void> {
  await removeLocalCase(db, c);
  await db.tombstones.put({ caseId: c.id, erasedAt, ...(c.ownerId ? { ownerId: c.ownerId } : {}) });
}

/** The server answered 410 'erased' for the user's case: the same, in a transaction of its own. */
export function eraseLocalCase(db: GuongSangDb, caseId: string, erasedAt: string): Promise<boolean> {
  return writeTransaction(db, erasureTables(db), async () => {
    const c = await db.cases.get(caseId);
    if (!c) return false;
    await replaceWithTombstone(db, c, erasedAt);
    return true;
  });
}

/** The user's tombstones, the latest erasure first. */
export async function listTombstones(db: GuongSangDb, ownerId: string | undefined): Promise<ErasedCase[]> {
  if (!ownerId) return [];
  const all = await db.tombstones.where('ownerId').equals(ownerId).toArray();
  // ISO times compare as plain strings (localeCompare would build an ICU collator on the list's first render).
  return all.sort((a, b) => (a.erasedAt < b.erasedAt ? 1 : a.erasedAt > b.erasedAt ? -1 : 0));
}

export const getTombstone = (db: GuongSangDb, caseId: string) => db.tombstones.get(caseId);

/** "Đã hiểu": the reporter read the notice; nothing of the case is left. */
export function dismissTombstone(db: GuongSangDb, caseId: string): Promise<void> {
  return writeTransaction(db, [db.tombstones], () => db.tombstones.delete(caseId));
}
