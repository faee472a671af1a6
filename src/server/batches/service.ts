// The proposal batch's life before its decision (shared/batch-protocol.ts has the states): made from proposed
// cases, edited while a draft (header, cases, the council's vote), submitted, withdrawn. Every change is one
// write transaction holding the batch's lock, with its batch_events row. A batch the user may not manage is
// answered as if it did not exist (404): its number says nothing to them.
//   403 cases outside the user's area or above their level   404 no such batch (for this user)
//   409 not a draft (or already closed)   422 bad input, or cases that break a rule (named)
import { type Updateable } from 'kysely';
import {
  batchAreaFor, batchStatusNames, mayManageBatch, meetsVoteShare, type BatchCasesSelection, type BatchDetail,
  type BatchHeader, type BatchStatus,
} from '../../shared/batch-protocol';
import type { CouncilRequest } from '../../shared/batch-schemas';
import { uuidv7 } from '../../shared/ids';
import { todayIso } from '../../shared/dates';
import type { ApiIssue, SessionUser } from '../../shared/sync-protocol';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';
import type { BatchesTable } from '../db/schema';
import { lockKey, writeTransaction, type Tx } from '../db/transaction';
import { ApiFailure, invalid, notFound } from '../http/errors';
import { defaultHeader } from './header';
import { appendBatchEvent, batchDetail, batchLabel, findBatch, type BatchRow } from './repo';
import { checkedCandidates, named, type Candidate } from './selection';
import { readCommendationSettings } from './settings';

/** 409 without a case to send back (errors.ts's conflict carries one). */
export const batchConflict = (message: string) => new ApiFailure(409, { error: 'conflict', message });

const NOT_FOUND = 'Không tìm thấy đợt đề nghị này';

export interface Actor { user: SessionUser; at: string }

/** The batch, locked and read in a write transaction, if the user may manage it (else 404); `fn`'s answer. */
export function onBatch<T>(db: Db, user: SessionUser, id: string, fn: (tx: Tx, row: BatchRow) => Promise<T>): Promise<T> {
  return writeTransaction(db, async (tx) => {
    await lockKey(tx, `batch:${id}`);
    const row = await findBatch(tx, id);
    if (!row || !mayManageBatch(user, row)) throw notFound(NOT_FOUND);
    return fn(tx, row);
  });
}

export async function readBatch(db: Tx, user: SessionUser, id: string): Promise<BatchDetail> {
  const row = await findBatch(db, id);
  if (!row || !mayManageBatch(user, row)) throw notFound(NOT_FOUND);
  return batchDetail(db, row);
}

export function requireStatus(row: BatchRow, allowed: readonly BatchStatus[], what: string): void {
  if (allowed.includes(row.status)) return;
  const hint = row.status === 'submitted' ? ' Đợt đã trình chỉ còn rút được (kèm lý do).' : '';
  throw batchConflict(`Đợt ${batchLabel(row)} đang ở trạng thái "${batchStatusNames[row.status]}": không ${what} được.${hint}`);
}

export async function changed(tx: Tx, row: BatchRow, { user, at }: Actor, set: Updateable<BatchesTable>, kind: string, detail?: unknown): Promise<BatchDetail> {
  await tx.updateTable('batches').set({ ...set, updated_at: at }).where('id', '=', row.id).execute();
  await appendBatchEvent(tx, { batchId: row.id, kind, actorId: user.id, at, detail });
  return batchDetail(tx, (await findBatch(tx, row.id))!);
}

async function insertCases(tx: Tx, batchId: string, cases: Candidate[], from: number, at: string): Promise<void> {
  for (const [i, c] of cases.entries()) {
    await tx.insertInto('batch_cases').values({
      batch_id: batchId, case_id: c.id, form_id: c.formId, position: from + i, open: 1,
      vote_agree: null, vote_voters: null, outcome: null, outcome_comment: null, return_to: null, added_at: at,
    }).execute();
  }
}

export async function createBatch(db: Db, actor: Actor, selection: BatchCasesSelection): Promise<BatchDetail> {
  const { user, at } = actor;
  return writeTransaction(db, async (tx) => {
    const cases = await checkedCandidates(tx, user, selection);
    const authority = cases[0]!.authority;
    const area = batchAreaFor(authority, cases[0]!.communeCode);
    const { legalBases } = await readCommendationSettings(tx);
    const header = defaultHeader(authority, area, legalBases, todayIso(Date.parse(at)));
    const id = uuidv7(Date.parse(at));
    await tx.insertInto('batches').values({
      id, status: 'draft', authority, area, number: header.number, symbol: header.symbol, doc_date: header.date,
      header: JSON.stringify(header), council: null, decision_number: null, decision_date: null, decision_authority: null,
      decision_signer: null, withdrawn_reason: null, public_id: randomBytes(12).toString('base64url'), notice_from: null,
      notice_until: null, created_by: user.id, created_at: at, updated_at: at, submitted_at: null, decided_at: null, withdrawn_at: null,
    }).execute();
    await insertCases(tx, id, cases, 0, at);
    await appendBatchEvent(tx, { batchId: id, kind: 'created', actorId: user.id, at, detail: { caseIds: cases.map((c) => c.id) } });
    return batchDetail(tx, (await findBatch(tx, id))!);
  });
}

export function editHeader(db: Db, actor: Actor, id: string, patch: Partial<BatchHeader>): Promise<BatchDetail> {
  return onBatch(db, actor.user, id, async (tx, row) => {
    requireStatus(row, ['draft'], 'sửa phần đầu văn bản');
    const header: BatchHeader = { ...JSON.parse(row.header) as BatchHeader, ...patch };
    return changed(tx, row, actor, { header: JSON.stringify(header), number: header.number, symbol: header.symbol, doc_date: header.date },
      'edited', { fields: Object.keys(patch) });
  });
}

export function addCases(db: Db, actor: Actor, id: string, selection: BatchCasesSelection): Promise<BatchDetail> {
  return onBatch(db, actor.user, id, async (tx, row) => {
    requireStatus(row, ['draft'], 'thêm hồ sơ');
    const cases = await checkedCandidates(tx, actor.user, selection, row);
    const last = await tx.selectFrom('batch_cases').select((eb) => eb.fn.max('position').as('p')).where('batch_id', '=', id).executeTakeFirst();
    await insertCases(tx, id, cases, last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1, actor.at);
    return changed(tx, row, actor, {}, 'cases-added', { caseIds: cases.map((c) => c.id) });
  });
}

export function removeCase(db: Db, actor: Actor, id: string, caseId: string): Promise<BatchDetail> {
  return onBatch(db, actor.user, id, async (tx, row) => {
    requireStatus(row, ['draft'], 'bỏ hồ sơ');
    const removed = await tx.deleteFrom('batch_cases').where('batch_id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Hồ sơ này không có trong đợt đề nghị');
    return changed(tx, row, actor, {}, 'case-removed', { caseId });
  });
}

export function recordCouncil(db: Db, actor: Actor, id: string, body: CouncilRequest): Promise<BatchDetail> {
  return onBatch(db, actor.user, id, async (tx, row) => {
    requireStatus(row, ['draft'], 'ghi kết quả họp Hội đồng');
    const inBatch = new Set((await tx.selectFrom('batch_cases').select('case_id').where('batch_id', '=', id).execute()).map((r) => r.case_id));
    const strangers: ApiIssue[] = body.votes.flatMap((vote, i) =>
      inBatch.has(vote.caseId) ? [] : [{ path: `votes.${i}.caseId`, message: 'Hồ sơ này không có trong đợt đề nghị' }]);
    if (strangers.length > 0) throw invalid(strangers);
    await tx.updateTable('batch_cases').set({ vote_agree: null, vote_voters: null }).where('batch_id', '=', id).execute();
    for (const vote of body.votes) {
      await tx.updateTable('batch_cases').set({ vote_agree: vote.agree, vote_voters: vote.voters })
        .where('batch_id', '=', id).where('case_id', '=', vote.caseId).execute();
    }
    return changed(tx, row, actor, { council: JSON.stringify(body.meeting) }, 'council', { meeting: body.meeting, votes: body.votes.length });
  });
}

/** Submit: a number, a signer, the council's meeting, at least one case, and every case's vote at its form's minimum. */
export function submitBatch(db: Db, actor: Actor, id: string): Promise<BatchDetail> {
  return onBatch(db, actor.user, id, async (tx, row) => {
    requireStatus(row, ['draft'], 'trình');
    const detail = await batchDetail(tx, row);
    const issues: ApiIssue[] = [];
    if (detail.cases.length === 0) issues.push({ path: 'cases', message: 'Đợt đề nghị chưa có hồ sơ nào' });
    if (!detail.header.number) issues.push({ path: 'header.number', message: 'Nhập số của tờ trình trước khi trình' });
    if (!detail.header.signerName || !detail.header.signerTitle) issues.push({ path: 'header.signerName', message: 'Nhập chức vụ và họ tên người ký' });
    if (!detail.council) issues.push({ path: 'council', message: 'Ghi kết quả họp Hội đồng Thi đua – Khen thưởng trước khi trình' });
    const { minVoteShare } = await readCommendationSettings(tx);
    const below = detail.cases.filter((c) => !meetsVoteShare(c.vote, minVoteShare[c.formId]));
    if (below.length > 0) {
      issues.push({
        path: 'council.votes',
        message: `Chưa đạt tỷ lệ phiếu đồng ý tối thiểu của hình thức khen thưởng (bỏ hồ sơ khỏi đợt hoặc ghi lại biểu quyết): ${below.map((c) => {
          const need = Math.round(minVoteShare[c.formId]! * 100);
          return `${named({ id: c.caseId, subjectName: c.subjectName })} ${c.vote ? `${c.vote.agree}/${c.vote.voters}` : 'chưa biểu quyết'}, cần ${need}%`;
        }).join('; ')}`,
      });
    }
    if (issues.length > 0) throw invalid(issues, issues.length === 1 ? issues[0]!.message : 'Đợt đề nghị chưa đủ điều kiện để trình');
    return changed(tx, row, actor, { status: 'submitted', submitted_at: actor.at }, 'submitted');
  });
}

/** Withdraw a draft or a submitted batch: its cases are free again (still proposed). */
export function withdrawBatch(db: Db, actor: Actor, id: string, reason: string): Promise<BatchDetail> {
  return onBatch(db, actor.user, id, async (tx, row) => {
    requireStatus(row, ['draft', 'submitted'], 'rút');
    await tx.updateTable('batch_cases').set({ open: 0 }).where('batch_id', '=', id).execute();
    return changed(tx, row, actor, { status: 'withdrawn', withdrawn_reason: reason, withdrawn_at: actor.at }, 'withdrawn', { reason });
  });
}
