// GET /api/review/cases/{id}: the whole case for the reviewer's page: fields, photos, revisions, the timeline of
// its audit events, and the transitions this reviewer may make now.
import { allowedTransitions } from '../../shared/appraisal';
import { batchLabel, openBatchOf } from '../batches/repo';
import type { ReviewCase, ReviewRevisionFields, TimelineEntry } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { findCase, type CaseRow } from '../cases/repo';
import { storedFields } from '../cases/stored-fields';
import type { Tx } from '../db/transaction';
import { erased, notFound } from '../http/errors';
import { storedAmong } from '../photos/repo';
import { formLevel } from '../appraisal/forms';
import { toListItem } from './items';
import { requireInArea } from './scope';

/** The case a reviewer opens: 404 unknown, 403 outside their area, 410 erased at its subject's request. */
async function reviewedCase(db: Tx, user: SessionUser, id: string): Promise<CaseRow> {
  const row = await findCase(db, id);
  if (!row) throw notFound('Không tìm thấy hồ sơ này');
  requireInArea(user, row.commune_code);
  if (row.status === 'erased') throw erased();
  return row;
}

/** A case's revisions with their fields and their authors' names, oldest first. */
export const revisionsOf = (db: Tx, id: string) => db.selectFrom('case_revisions').leftJoin('users', 'users.id', 'case_revisions.author_id')
  .select(['case_revisions.revision', 'case_revisions.created_at', 'case_revisions.fields', 'users.display_name'])
  .where('case_revisions.case_id', '=', id).orderBy('case_revisions.revision');

export async function reviewCase(db: Tx, user: SessionUser, id: string): Promise<ReviewCase> {
  return describeCase(db, user, await reviewedCase(db, user, id));
}

/** The case page of a row the caller has checked the user may read. */
export async function describeCase(db: Tx, user: SessionUser, row: CaseRow): Promise<ReviewCase> {
  const { id } = row;
  const fields = storedFields(row);

  const [owner, stored, revisions, events] = await Promise.all([
    db.selectFrom('users').select('display_name').where('id', '=', row.owner_id).executeTakeFirst(),
    storedAmong(db, fields.photos.flatMap((p) => [p.sha256, p.thumbSha256])),
    db.selectFrom('case_revisions').leftJoin('users', 'users.id', 'case_revisions.author_id')
      .select(['case_revisions.revision', 'case_revisions.created_at', 'users.display_name'])
      .where('case_revisions.case_id', '=', id).orderBy('case_revisions.revision').execute(),
    db.selectFrom('case_events').leftJoin('users', 'users.id', 'case_events.actor_id')
      .select([
        'case_events.seq', 'case_events.kind', 'case_events.revision', 'case_events.from_status', 'case_events.status',
        'case_events.comment', 'case_events.form_id', 'case_events.decision_number', 'case_events.decision_date',
        'case_events.at', 'users.display_name',
      ])
      .where('case_events.case_id', '=', id).orderBy('case_events.seq').execute(),
  ]);

  const timeline = events.map((e): TimelineEntry => ({
    seq: Number(e.seq), kind: e.kind, revision: e.revision, from: e.from_status, to: e.status, comment: e.comment,
    formId: e.form_id, decisionNumber: e.decision_number, decisionDate: e.decision_date, actor: e.display_name ?? null, at: e.at,
  }));
  const subject = {
    status: row.status, communeCode: row.commune_code, consentPublication: fields.consentPublication,
    formLevel: await formLevel(db, row.commendation_form_id),
  };
  const inBatch = await openBatchOf(db, id);
  return {
    case: { ...toListItem(row), fields, owner: owner?.display_name ?? null, receivedAt: row.received_at },
    photos: fields.photos.map((p) => ({
      sha256: p.sha256, thumbSha256: p.thumbSha256, caption: p.caption, width: p.width, height: p.height,
      stored: stored.has(p.sha256) && stored.has(p.thumbSha256),
    })),
    revisions: revisions.map((r) => ({ revision: r.revision, at: r.created_at, author: r.display_name ?? null })),
    timeline,
    allowed: inBatch ? [] : allowedTransitions(user, subject),
    openBatch: inBatch ? { id: inBatch.id, label: batchLabel(inBatch) } : null,
  };
}

/** GET /api/review/cases/{id}/revisions/{n}: the fields as that revision had them (to compare with the current). */
export async function reviewRevision(db: Tx, user: SessionUser, id: string, revision: number): Promise<ReviewRevisionFields> {
  await reviewedCase(db, user, id);
  const r = await revisionsOf(db, id).where('case_revisions.revision', '=', revision).executeTakeFirst();
  if (!r) throw notFound(`Hồ sơ không có phiên bản ${revision}`);
  return { revision: r.revision, at: r.created_at, author: r.display_name ?? null, fields: storedFields(r) };
}
