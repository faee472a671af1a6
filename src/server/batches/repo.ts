// The tables of migration 0009 (batches, batch_cases, batch_events, batch_comments) read and written for the
// batch service: rows in, wire types (shared/batch-protocol.ts) out.
import type { Selectable } from 'kysely';
import {
  batchStatusNames, publicNoticePaths, type BatchCase, type BatchDetail, type BatchHeader, type BatchStatus, type BatchSummary,
  type CouncilMeeting, type NotCommendedReturn,
} from '../../shared/batch-protocol';
import { PROVINCE_AREA, type SessionUser } from '../../shared/sync-protocol';
import type { BatchesTable } from '../db/schema';
import type { Tx } from '../db/transaction';

export type BatchRow = Selectable<BatchesTable>;

export const findBatch = (db: Tx, id: string) => db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();

/** The open batch (draft or submitted) a case is in, if any: its id, number and symbol. */
export const openBatchOf = (db: Tx, caseId: string) => db.selectFrom('batch_cases')
  .innerJoin('batches', 'batches.id', 'batch_cases.batch_id')
  .select(['batches.id', 'batches.number', 'batches.symbol', 'batches.status'])
  .where('batch_cases.case_id', '=', caseId).where('batch_cases.open', '=', 1)
  .executeTakeFirst();

/** "Số 12/TTr-UBND", or "Số …/TTr-UBND" while a draft has no number yet. */
export const batchLabel = (b: { number: string; symbol: string }): string => `Số ${b.number || '…'}/${b.symbol}`;

/** Why a single-case transition is refused while the case is in an open batch. */
export const openBatchRefusal = (b: { number: string; symbol: string; status: BatchStatus }): string =>
  `Hồ sơ đang ở trong đợt đề nghị ${batchLabel(b)} (${batchStatusNames[b.status].toLowerCase()}): `
  + 'hãy bỏ hồ sơ khỏi đợt (khi đợt còn đang soạn) hoặc rút đợt trước khi chuyển trạng thái hồ sơ';

export async function appendBatchEvent(db: Tx, e: { batchId: string; kind: string; actorId: string; at: string; detail?: unknown }): Promise<void> {
  await db.insertInto('batch_events').values({
    batch_id: e.batchId, kind: e.kind, actor_id: e.actorId, at: e.at,
    detail: e.detail === undefined ? null : JSON.stringify(e.detail),
  }).execute();
}

/** The rows of a batch as BatchCase (with the subject's name from the case), in their order. */
async function batchCases(db: Tx, batchId: string): Promise<BatchCase[]> {
  const rows = await db.selectFrom('batch_cases').innerJoin('cases', 'cases.id', 'batch_cases.case_id')
    .select([
      'batch_cases.case_id', 'batch_cases.form_id', 'batch_cases.vote_agree', 'batch_cases.vote_voters', 'batch_cases.outcome',
      'batch_cases.outcome_comment', 'batch_cases.return_to', 'cases.subject_kind', 'cases.subject_name', 'cases.commune_code',
    ])
    .where('batch_cases.batch_id', '=', batchId).orderBy('batch_cases.position').orderBy('batch_cases.case_id').execute();
  return rows.map((r): BatchCase => ({
    caseId: r.case_id, subjectKind: r.subject_kind, subjectName: r.subject_name, communeCode: r.commune_code, formId: r.form_id,
    vote: r.vote_voters === null ? null : { caseId: r.case_id, agree: Number(r.vote_agree), voters: Number(r.vote_voters) },
    outcome: r.outcome === 'commended' ? { commended: true }
      : r.outcome === 'not_commended' ? { commended: false, comment: r.outcome_comment ?? '', returnTo: r.return_to as NotCommendedReturn }
        : null,
  }));
}

function toSummary(row: BatchRow, caseCount: number): BatchSummary {
  return {
    id: row.id, status: row.status, authority: row.authority, area: row.area, number: row.number, symbol: row.symbol,
    date: row.doc_date, caseCount, createdAt: row.created_at, submittedAt: row.submitted_at, decidedAt: row.decided_at,
  };
}

export async function batchDetail(db: Tx, row: BatchRow): Promise<BatchDetail> {
  const [cases, comments, events] = await Promise.all([
    batchCases(db, row.id),
    db.selectFrom('batch_comments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('batch_id', '=', row.id).executeTakeFirst(),
    db.selectFrom('batch_events').leftJoin('users', 'users.id', 'batch_events.actor_id')
      .select(['batch_events.kind', 'batch_events.at', 'batch_events.detail', 'users.display_name'])
      .where('batch_events.batch_id', '=', row.id).orderBy('batch_events.seq').execute(),
  ]);
  const decided = row.decision_number !== null;
  return {
    ...toSummary(row, cases.length),
    header: JSON.parse(row.header) as BatchHeader,
    council: row.council ? JSON.parse(row.council) as CouncilMeeting : null,
    decision: decided ? {
      number: row.decision_number!, date: row.decision_date!, authority: row.decision_authority ?? '', signer: row.decision_signer ?? '',
    } : null,
    withdrawnReason: row.withdrawn_reason,
    cases,
    notice: row.notice_from && row.notice_until ? {
      from: row.notice_from, until: row.notice_until, publicUrl: publicNoticePaths.page(row.public_id), comments: Number(comments?.n ?? 0),
    } : null,
    events: events.map((e) => ({
      kind: e.kind, actorName: e.display_name ?? null, at: e.at, detail: e.detail ? JSON.parse(e.detail) as unknown : null,
    })),
  };
}

/** The batches a user may manage (shared/batch-protocol's mayManageBatch), newest first, with their case counts. */
export async function listBatches(db: Tx, user: SessionUser, status: BatchStatus | undefined): Promise<BatchSummary[]> {
  let query = db.selectFrom('batches').selectAll('batches')
    .select((eb) => eb.selectFrom('batch_cases').select((e) => e.fn.countAll<number | string>().as('n'))
      .whereRef('batch_cases.batch_id', '=', 'batches.id').as('case_count'));
  if (user.area !== PROVINCE_AREA) query = query.where('authority', '=', 'commune').where('area', '=', user.area);
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1000).execute();
  return rows.map(({ case_count, ...row }) => toSummary(row, Number(case_count ?? 0)));
}
