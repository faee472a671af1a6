// What reviewers did to the user's cases (status, comments), as the changes feed (GET /api/sync/changes) brings
// it, and the cursor that says how far this phone has read, per user. A case the feed says was erased at the
// data subject's request leaves the phone here (./erasure.ts).
import type { CaseChange } from '../shared/sync-protocol';
import { FIRST_CURSOR } from '../shared/sync-protocol';
import type { GuongSangDb, ReviewerNote } from './database';
import { erasureTables, replaceWithTombstone } from './erasure';
import { writeTransaction } from './errors';
import { getSetting, setSetting } from './settings';

export const cursorKey = (userId: string) => `sync-cursor:${userId}`;

export async function getCursor(db: GuongSangDb, userId: string): Promise<string> {
  return (await getSetting<string>(db, cursorKey(userId))) ?? FIRST_CURSOR;
}

/**
 * Stores what reviewers did on the user's cases and advances the cursor, in one transaction, so a crash never
 * skips a change (nor leaves an erased case behind). Never touches updatedAt: that is how acknowledgements
 * detect the reporter's own edits.
 * Returns how many local cases changed.
 */
export function applyChanges(db: GuongSangDb, userId: string, changes: readonly CaseChange[], cursor: string): Promise<number> {
  return writeTransaction(db, [...erasureTables(db), db.settings], async () => {
    const byCase = new Map<string, CaseChange[]>();
    for (const ch of changes) byCase.set(ch.caseId, [...(byCase.get(ch.caseId) ?? []), ch]);
    let touched = 0;
    for (const [caseId, list] of byCase) {
      const c = await db.cases.get(caseId);
      if (!c || c.ownerId !== userId) continue;
      const erased = list.find((ch) => ch.status === 'erased');
      if (erased) {
        await replaceWithTombstone(db, c, erased.at);
        touched++;
        continue;
      }
      const notes = new Map<number, ReviewerNote>((c.notes ?? []).map((n) => [n.seq, n]));
      for (const ch of list) notes.set(ch.seq, { seq: ch.seq, status: ch.status, comment: ch.comment, actor: ch.actor, at: ch.at });
      const sorted = [...notes.values()].sort((a, b) => a.seq - b.seq);
      await db.cases.put({ ...c, notes: sorted, serverStatus: sorted[sorted.length - 1]!.status });
      touched++;
    }
    await setSetting(db, cursorKey(userId), cursor);
    return touched;
  });
}
