// Fixtures of the proposal batch tests: proposed cases, a batch's calls, a valid council and decision.
import { batchApi, type BatchDetail, type CouncilMeeting, type DecisionRecord } from '../../src/shared/batch-protocol';
import type { CaseFields } from '../../src/shared/case-schema';
import type { Client, Reply } from './api-client';
import { createCase, transition } from './review-fixtures';

export const COMMUNE_FORM = 'giay_khen_chu_tich_ubnd_xa';
export const PROVINCE_FORM = 'bang_khen_chu_tich_ubnd_tinh';
export const UPWARD_FORM = 'bang_khen_thu_tuong';

/** A case the reporter sends and `reviewer` proposes for `formId`. */
export async function proposedCase(reporter: Client, reviewer: Client, formId = COMMUNE_FORM, over: Partial<CaseFields> = {}): Promise<string> {
  const id = await createCase(reporter, over);
  for (const body of [{ to: 'appraising' }, { to: 'proposed', formId }]) {
    const r = await transition(reviewer, id, body);
    if (r.status !== 200) throw new Error(`→ ${body.to}: ${r.status} ${r.text}`);
  }
  return id;
}

export const post = <T = any>(client: Client, path: string, json: unknown = {}): Promise<Reply<T>> =>
  client.call<T>(path, { method: 'POST', json });

/** A new draft of these cases; throws unless 201. */
export async function newBatch(client: Client, caseIds: string[]): Promise<BatchDetail> {
  const r = await post<BatchDetail>(client, batchApi.list(), { caseIds });
  if (r.status !== 201) throw new Error(`create batch: ${r.status} ${r.text}`);
  return r.body;
}

export const MEETING: CouncilMeeting = { date: '2026-08-01', place: 'Hội trường UBND xã', chair: 'Lò Văn Tiến', present: 7, total: 9 };

/** Number, signer and the council (every case 7 of 7, or `votes`), then submitted; throws on any refusal. */
export async function submitted(client: Client, batch: BatchDetail, votes?: { caseId: string; agree: number; voters: number }[]): Promise<BatchDetail> {
  const steps: [string, string, unknown][] = [
    ['PATCH', batchApi.batch(batch.id), { number: '12', date: '2026-08-05', signerTitle: 'Chủ tịch', signerName: 'Tòng Văn Hưng' }],
    ['PUT', batchApi.council(batch.id), { meeting: MEETING, votes: votes ?? batch.cases.map((c) => ({ caseId: c.caseId, agree: 7, voters: 7 })) }],
    ['POST', batchApi.submit(batch.id), {}],
  ];
  let last: Reply<BatchDetail> | undefined;
  for (const [method, path, json] of steps) {
    last = await client.call<BatchDetail>(path, { method, json });
    if (last.status !== 200) throw new Error(`${method} ${path}: ${last.status} ${last.text}`);
  }
  return last!.body;
}

export const DECISION: DecisionRecord = {
  number: '125/QĐ-UBND', date: '2026-08-10', authority: 'Chủ tịch Ủy ban nhân dân xã Mường Kim', signer: 'Tòng Văn Hưng', notCommended: [],
};
