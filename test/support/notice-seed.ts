// Batches for the public notice's tests, written straight into the 0009 tables (the cases themselves come through
// the API): a batch in any state, its cases in order, and helpers to post a comment as a browser's form would.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Authority, BatchHeader, BatchStatus } from '../../src/shared/batch-protocol';
import { DEFAULT_LEGAL_BASES, publicNoticePaths } from '../../src/shared/batch-protocol';
import type { Db } from '../../src/server/db/connect';
import { call, type ApiBase, type Reply } from './api-client';

export const HEADER: BatchHeader = {
  number: '12', symbol: 'TTr-UBND', date: '2026-07-18', placeName: 'Mường Kim',
  proposingBody: 'Ủy ban nhân dân xã Mường Kim', addressee: 'Chủ tịch Ủy ban nhân dân xã Mường Kim',
  signerTitle: 'Chủ tịch', signerName: 'Lường Văn Pọm', legalBases: [...DEFAULT_LEGAL_BASES],
};

export interface SeededBatch { id: string; publicId: string }

export async function insertBatch(db: Db, o: {
  createdBy: string; caseIds: readonly string[]; status?: BatchStatus; authority?: Authority; area?: string;
  header?: Partial<BatchHeader>; notice?: { from: string; until: string };
}): Promise<SeededBatch> {
  const id = randomUUID();
  const publicId = randomBytes(16).toString('hex');
  const header = { ...HEADER, ...o.header };
  const at = '2026-07-18T02:00:00.000Z';
  const status = o.status ?? 'submitted';
  const open = status === 'draft' || status === 'submitted' ? 1 : 0;
  await db.insertInto('batches').values({
    id, status, authority: o.authority ?? 'commune', area: o.area ?? '03637', number: header.number, symbol: header.symbol,
    doc_date: header.date, header: JSON.stringify(header), council: null, decision_number: null, decision_date: null,
    decision_authority: null, decision_signer: null, withdrawn_reason: null, public_id: publicId,
    notice_from: o.notice?.from ?? null, notice_until: o.notice?.until ?? null, created_by: o.createdBy, created_at: at, updated_at: at,
    submitted_at: status === 'draft' ? null : at, decided_at: null, withdrawn_at: null,
  }).execute();
  if (o.caseIds.length > 0) {
    await db.insertInto('batch_cases').values(o.caseIds.map((caseId, position) => ({
      batch_id: id, case_id: caseId, form_id: 'giay_khen_chu_tich_ubnd_xa', position, open, vote_agree: null, vote_voters: null,
      outcome: null, outcome_comment: null, return_to: null, added_at: at,
    }))).execute();
  }
  return { id, publicId };
}

export const setStatus = (db: Db, id: string, status: BatchStatus) =>
  db.updateTable('batches').set({ status }).where('id', '=', id).execute();

/** The comment form as a browser posts it from the notice page: urlencoded, from the app's own origin. */
export function postComment(server: ApiBase, publicId: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
  return call(server, publicNoticePaths.comment(publicId), {
    method: 'POST', body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'sec-fetch-site': 'same-origin', ...headers },
  });
}

export const commentCount = async (db: Db, batchId: string): Promise<number> =>
  Number((await db.selectFrom('batch_comments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('batch_id', '=', batchId).executeTakeFirstOrThrow()).n);
