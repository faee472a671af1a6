// POST /api/cases/{id}/transitions: moves a case through the appraisal states (shared/appraisal.ts has the
// table) and appends the audit event, in one write transaction. The reporter's phone sees the event (status
// and comment) through GET /api/sync/changes. Publishing puts the case on the public bulletin (published_at);
// a withdrawal (published → commended) takes it off and records the withdrawn consent (bulletin/withdrawal.ts).
//   403 a case outside the reviewer's area, or a decision above the reviewer's level (a reporter: app.ts's guard)
//   404 no such case   410 erased at its subject's request   409 the case changed meanwhile, the transition is not allowed from its state,
//   or the case is in an open proposal batch (the batch decides it: batches/decision.ts)
//   422 a missing comment/reason, form, or decision number/date
import type { Updateable } from 'kysely';
import { checkTransition, isWithdrawal } from '../../shared/appraisal';
import type { ReviewListItem, TransitionRequest } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { checkTransitionBody, decisionIssues } from '../../shared/transition-rules';
import { recordConsentWithdrawn } from '../bulletin/withdrawal';
import { openBatchOf, openBatchRefusal } from '../batches/repo';
import { appendEvent } from '../changes/events';
import { keepingDashboardCounts } from '../dashboard/counts/keep';
import { findCase, toServerCase } from '../cases/repo';
import { storedFields } from '../cases/stored-fields';
import type { Db } from '../db/connect';
import type { CasesTable } from '../db/schema';
import { lockKey, writeTransaction } from '../db/transaction';
import { conflict, erased, forbidden, invalid, notFound } from '../http/errors';
import { LIST_COLUMNS, toListItem } from '../review/items';
import { requireInArea } from '../review/scope';
import { findForm } from './forms';

/** The case's new head; `bulletinChanged`: it was published or withdrawn (what the public bulletin shows changed). */
export async function transitionCase(
  db: Db, user: SessionUser, caseId: string, body: TransitionRequest, now = new Date(),
): Promise<{ item: ReviewListItem; bulletinChanged: boolean }> {
  const at = now.toISOString();

  return writeTransaction(db, async (tx) => {
    await lockKey(tx, `case:${caseId}`);
    const row = await findCase(tx, caseId);
    if (!row) throw notFound('Không tìm thấy hồ sơ này');
    requireInArea(user, row.commune_code);
    if (row.status === 'erased') throw erased();
    const fields = storedFields(row);
    if ((body.from && body.from !== row.status) || (body.revision && body.revision !== row.revision)) {
      throw conflict('Hồ sơ vừa được thay đổi (trạng thái hoặc phiên bản khác với màn hình của bạn), hãy tải lại', toServerCase(row));
    }
    const batch = await openBatchOf(tx, caseId);
    if (batch) throw conflict(openBatchRefusal(batch), toServerCase(row));
    const chosenForm = await findForm(tx, body.formId);
    const checked = checkTransitionBody(row.status, body, { form: chosenForm });
    if (!checked.ok) throw invalid(checked.issues);
    const { step } = checked;
    const withdrawal = isWithdrawal(row.status, body.to);

    const formId = step.kind === 'propose' ? step.formId : step.kind === 'decide' ? (step.formId ?? row.commendation_form_id) : null;
    const check = checkTransition(user, {
      status: row.status, communeCode: row.commune_code, consentPublication: fields.consentPublication,
      formLevel: (formId === body.formId ? chosenForm : await findForm(tx, formId))?.level,
    }, body.to);
    if (!check.ok && check.kind === 'state') throw conflict(check.message, toServerCase(row));
    if (step.kind === 'decide') {
      const issues = decisionIssues(formId, step.decisionDate, fields.deedDate);
      if (issues.length > 0) throw invalid(issues);
    }
    if (!check.ok) throw forbidden(check.message);

    const decision = step.kind === 'decide' ? { number: step.decisionNumber, date: step.decisionDate } : null;
    const set: Updateable<CasesTable> = { status: body.to, updated_at: at };
    if (body.to === 'published') set.published_at = at;
    if (withdrawal) set.published_at = null;
    if (body.to === 'proposed' || decision) set.commendation_form_id = formId;
    // Withdrawing a proposal (proposed → appraising) leaves no form on the case; the timeline keeps it.
    if (row.status === 'proposed' && body.to === 'appraising') set.commendation_form_id = null;
    if (decision) {
      set.decision_number = decision.number;
      set.decision_date = decision.date;
    }
    await keepingDashboardCounts(tx, [caseId], async () => {
      const revision = withdrawal ? await recordConsentWithdrawn(tx, row, user.id, at) : row.revision;
      await tx.updateTable('cases').set(set).where('id', '=', caseId).execute();
      await appendEvent(tx, {
        caseId, revision, kind: 'status', status: body.to, fromStatus: row.status, comment: body.comment || null,
        actorId: user.id, at, formId, decisionNumber: decision?.number ?? null, decisionDate: decision?.date ?? null,
      });
    });
    const updated = await tx.selectFrom('cases').select(LIST_COLUMNS).where('id', '=', caseId).executeTakeFirstOrThrow();
    return { item: toListItem(updated), bulletinChanged: body.to === 'published' || withdrawal };
  });
}
