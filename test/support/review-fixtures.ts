// Fixtures of the review-workspace tests: cases created through the API and moved through appraisal states.
import type { CaseFields } from '../../src/shared/case-schema';
import type { TransitionTarget } from '../../src/shared/appraisal';
import type { TransitionRequest } from '../../src/shared/review-protocol';
import type { AppraisalStatus, ServerStatus } from '../../src/shared/sync-protocol';
import type { Client, Reply } from './api-client';
import { caseFields, newCaseId } from './case-fixtures';

export async function createCase(reporter: Client, over: Partial<CaseFields> = {}): Promise<string> {
  const id = newCaseId();
  const r = await reporter.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields(over) } });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${r.text}`);
  return id;
}

export const transition = (client: Client, id: string, body: TransitionRequest | Record<string, unknown>): Promise<Reply> =>
  client.call(`/api/cases/${id}/transitions`, { method: 'POST', json: body });

/** A valid body for each target (a comment where one is required, a form, a decision). */
export const BODY: Record<TransitionTarget, TransitionRequest> = {
  appraising: { to: 'appraising' },
  proposed: { to: 'proposed', formId: 'giay_khen_chu_tich_ubnd_xa' },
  commended: { to: 'commended', decisionNumber: '125/QĐ-UBND', decisionDate: '2026-08-01' },
  returned: { to: 'returned', comment: 'Bổ sung xác nhận của trưởng bản' },
  rejected: { to: 'rejected', comment: 'Việc làm chưa đủ tiêu biểu' },
  published: { to: 'published' },
};

/** published → commended: the subject withdrew consent to publication (a comment, no decision). */
export const WITHDRAW: TransitionRequest = { to: 'commended', comment: 'Người được khen báo xã ngày 02/08/2026: không muốn đăng báo nữa' };

/** A valid body for an edge (the same target means a withdrawal from 'published'). */
export const bodyFor = (from: ServerStatus, to: TransitionTarget): TransitionRequest =>
  from === 'published' && to === 'commended' ? WITHDRAW : BODY[to];

/** The legal path from "received" to each appraisal state (erasure is no transition). */
export const PATH: Record<AppraisalStatus, TransitionTarget[]> = {
  received: [],
  appraising: ['appraising'],
  proposed: ['appraising', 'proposed'],
  commended: ['appraising', 'proposed', 'commended'],
  published: ['appraising', 'proposed', 'commended', 'published'],
  returned: ['returned'],
  rejected: ['rejected'],
};

/** Moves a case along its path with the given (province-level) client. */
export async function moveTo(client: Client, id: string, status: AppraisalStatus): Promise<void> {
  for (const to of PATH[status]) {
    const r = await transition(client, id, BODY[to]);
    if (r.status !== 200) throw new Error(`→ ${to}: ${r.status} ${r.text}`);
  }
}
