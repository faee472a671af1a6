// Removes photos no case uses: uploaded more than PHOTO_SWEEP_DAYS ago, listed by no case's current revision
// (case_photos) nor by any earlier revision (a reviewer or a data-subject request may still show those).
//
// The race with a phone: the phone uploads a case's photos first and PUTs the case after, possibly much later (no
// network in between). A photo younger than N days is never a candidate, so N days is the window a phone has to
// send the case. A phone that takes longer loses nothing either: the PUT names a photo the server no longer has,
// gets 409 missing-photos, and uploads it again from its outbox (which keeps a case's photos until it is sent).
// A case PUT racing with the sweep itself is settled by the database: the row is deleted only while no case_photos
// row names it (and the foreign key refuses the delete if a PUT inserted one meanwhile), and the file only after
// its row is gone. A crash between the two leaves a file without a row, which the next upload simply replaces.
// An erasure (subject/erasure.ts) removes the photos of the erased case the same way, at once, without the age.
import { rm } from 'node:fs/promises';
import type { ExpressionBuilder } from 'kysely';
import { releasePhoto } from '../accounts/quota';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { writeTransaction } from '../db/transaction';
import { storedFields } from '../cases/stored-fields';
import type { Logger } from '../log';
import { errorFields } from '../log';
import { timeOf } from '../deps';
import type { PhotoStore } from './store';

const DAY_MS = 86_400_000;
/** Candidates read per query. */
const BATCH = 50;
/** Revisions read per query while collecting the photos they name. */
const REVISION_PAGE = 300;

export interface SweepDeps { db: Db; photos: PhotoStore; log: Logger; now?: () => Date }
export interface SweepResult { candidates: number; removed: number; inRevisions: number; failed: number }

type PhotoFilter = ExpressionBuilder<Database, 'photos'>;
/** Uploaded before the cutoff (if any) and named by no case's current revision. */
const unused = (cutoff?: string) => ({ and, eb, not, exists, selectFrom }: PhotoFilter) => and([
  ...(cutoff ? [eb('photos.created_at', '<', cutoff)] : []),
  not(exists(selectFrom('case_photos').select('case_photos.sha256').whereRef('case_photos.sha256', '=', 'photos.sha256'))),
]);

/**
 * Every photo and thumbnail any revision names (or, given `among`, those of them named): one pass over
 * case_revisions, page by page on its key.
 */
export async function namedByRevisions(db: Db, among?: readonly string[]): Promise<Set<string>> {
  const named = new Set<string>();
  if (among?.length === 0) return named;
  for (let after: [string, number] = ['', 0]; ;) {
    const [caseId, revision] = after;
    let query = db.selectFrom('case_revisions').select(['case_id', 'revision', 'fields'])
      .where(({ eb, refTuple, tuple }) => eb(refTuple('case_id', 'revision'), '>', tuple(caseId, revision)));
    // Hashes are hex: nothing in them is a LIKE wildcard.
    if (among) query = query.where(({ eb, or }) => or(among.map((h) => eb('fields', 'like', `%${h}%`))));
    const page = await query.orderBy('case_id').orderBy('revision').limit(REVISION_PAGE).execute();
    for (const row of page) {
      for (const p of storedFields(row).photos) named.add(p.sha256).add(p.thumbSha256);
    }
    if (page.length < REVISION_PAGE) return named;
    const last = page[page.length - 1]!;
    after = [last.case_id, last.revision];
  }
}

export async function sweepPhotos({ db, photos, log, now }: SweepDeps, days: number): Promise<SweepResult> {
  const cutoff = new Date(timeOf({ now }).getTime() - days * DAY_MS).toISOString();
  const result: SweepResult = { candidates: 0, removed: 0, inRevisions: 0, failed: 0 };
  const named = await namedByRevisions(db);
  for (let after = ''; ;) {
    const batch = (await db.selectFrom('photos').select('sha256').where(unused(cutoff)).where('sha256', '>', after)
      .orderBy('sha256').limit(BATCH).execute()).map((r) => r.sha256);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!;
    result.candidates += batch.length;
    const unnamed = batch.filter((h) => !named.has(h));
    result.inRevisions += batch.length - unnamed.length;
    const { removed, failed } = await removeUnused({ db, photos, log }, unnamed, cutoff);
    result.removed += removed;
    result.failed += failed;
  }
  log.info('photo sweep', { days, cutoff, ...result });
  return result;
}

/**
 * Removes these photos (their owners, their rows, then their files) where no case's current revision names them
 * and, given a cutoff, they were uploaded before it. The caller has checked no revision names them.
 */
export async function removeUnused({ db, photos, log }: Omit<SweepDeps, 'now'>, hashes: readonly string[], cutoff?: string): Promise<{ removed: number; failed: number }> {
  let removed = 0;
  let failed = 0;
  for (const sha256 of hashes) {
    try {
      // Checked again in the delete itself: a case may have named it since the revisions were read.
      const deleted = await writeTransaction(db, async (tx) => {
        const stillUnused = await tx.selectFrom('photos').select('sha256').where('sha256', '=', sha256).where(unused(cutoff)).executeTakeFirst();
        if (!stillUnused) return false;
        await releasePhoto(tx, sha256);
        await tx.deleteFrom('photo_owners').where('sha256', '=', sha256).execute();
        const r = await tx.deleteFrom('photos').where('sha256', '=', sha256).where(unused(cutoff)).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      });
      if (!deleted) continue;
      await rm(photos.pathOf(sha256), { force: true });
      removed++;
    } catch (err) {
      // Most likely a case named it a moment ago (the foreign key refused the delete): it stays.
      failed++;
      log.warn('a photo could not be removed', { sha256, ...errorFields(err) });
    }
  }
  return { removed, failed };
}
