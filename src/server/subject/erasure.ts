// POST /api/review/cases/{id}/erasure: erases a case at the request of the person it names. In one transaction:
// the audit row (who, when, the request's reference), the case row emptied of everything personal (it keeps its
// id, owner, commune, times and revision, so the changes feed still reaches the reporter's phone), its revisions
// and photo list deleted, earlier comments cleared (they may name people), its place in any batch removed, and an 'erased' event, which the
// phone reads as "remove your copy". Once committed: the bulletin forgets the story, and the photos no other case
// lists leave the database and the disk (the sweep's own removal).
import type { Updateable } from 'kysely';
import type { ErasureReceipt } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { releaseRevisions } from '../accounts/quota';
import { canonicalJson, sha256Hex } from '../cases/canonical';
import { photoHashes } from '../cases/repo';
import { storedFields } from '../cases/stored-fields';
import { removeErasedCase } from '../batches/repo';
import { appendEvent } from '../changes/events';
import { keepingDashboardCounts } from '../dashboard/counts/keep';
import { purgeDeleted } from '../db/purge';
import type { CasesTable } from '../db/schema';
import { lockKey, writeTransaction } from '../db/transaction';
import { timeOf, type Deps } from '../deps';
import { errorFields } from '../log';
import { namedByRevisions, removeUnused } from '../photos/sweep';
import { subjectCase } from './access';

const NO_FIELDS = canonicalJson({});

/** Every column that may say something about the person; the rest is the case's id, owner, commune, times, revision. */
const EMPTIED = {
  fields: NO_FIELDS, content_hash: sha256Hex(NO_FIELDS),
  subject_kind: '', subject_name: '', subject_category_id: '', movement_id: '', field_of_life_id: '', deed_date: '',
  search_text: '', ethnicity_code: null, consent_publication: 0, published_at: null,
  commendation_form_id: null, decision_number: null, decision_date: null,
} satisfies Updateable<CasesTable>;

export async function eraseCase(deps: Deps, user: SessionUser, id: string, reason: string): Promise<ErasureReceipt> {
  const { db, log } = deps;
  const at = timeOf(deps).toISOString();
  const candidates = await writeTransaction(db, async (tx) => {
    await lockKey(tx, `case:${id}`);
    const row = await subjectCase(tx, user, id);
    const revisions = await tx.selectFrom('case_revisions').select('fields').where('case_id', '=', id).execute();
    const listed = await tx.selectFrom('case_photos').select('sha256').where('case_id', '=', id).execute();
    await tx.insertInto('case_erasures').values({ case_id: id, erased_by: user.id, erased_at: at, reason }).execute();
    // An erased case counts nowhere on the dashboard: its contribution is taken away.
    await keepingDashboardCounts(tx, [id], async () => {
      await tx.updateTable('cases').set({ ...EMPTIED, status: 'erased', updated_at: at }).where('id', '=', id).execute();
      await tx.deleteFrom('case_photos').where('case_id', '=', id).execute();
      await releaseRevisions(tx, id, row.owner_id);
      await tx.deleteFrom('case_revisions').where('case_id', '=', id).execute();
      await tx.updateTable('case_events').set({ comment: null }).where('case_id', '=', id).execute();
      await removeErasedCase(tx, id, user.id, at);
      await appendEvent(tx, { caseId: id, revision: row.revision, kind: 'erased', status: 'erased', fromStatus: row.status, actorId: user.id, at });
    });
    return [...new Set([...listed.map((r) => r.sha256), ...revisions.flatMap((r) => photoHashes(storedFields(r)))])];
  });
  log.info('case erased', { caseId: id, actorId: user.id });
  await removePhotos(deps, candidates);
  await purgeDeleted(db).catch((err) => log.warn('erasure: the database could not be purged of deleted rows yet', errorFields(err)));
  return { caseId: id, erasedAt: at };
}

/** The bulletin forgets the case's photos and texts; the photos no other case names are removed. */
async function removePhotos({ db, photos, log, bulletin }: Deps, candidates: string[]): Promise<void> {
  try {
    const publicIds = candidates.length === 0 ? [] : await db.selectFrom('photos').select('public_id').where('sha256', 'in', candidates).execute();
    bulletin.invalidate(publicIds.flatMap((r) => (r.public_id ? [r.public_id] : [])));
    const named = await namedByRevisions(db, candidates);
    await removeUnused({ db, photos, log }, candidates.filter((h) => !named.has(h)));
  } catch (err) {
    // The erasure holds: the sweep removes what is left here once PHOTO_SWEEP_DAYS have passed.
    bulletin.invalidate();
    log.warn('erasure: its photos could not all be removed', errorFields(err));
  }
}
