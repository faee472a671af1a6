// POST /api/review/batches/{id}/decision: the signed decision for a submitted batch, in ONE transaction. Every
// case not listed in notCommended moves proposed → commended with the decision's number and date and its form;
// each listed one moves to its returnTo with the comment; each gets one audit event of the shape the single-case
// transition writes (appraisal/service.ts), which the reporter's phone reads through the changes feed. The
// batch's rows get their outcome and close. The batch's lock, then the cases' (in id order, as every batch write
// takes them): a case cannot move between the check and the write. A case that changed meanwhile → 409, nothing
// written.
import type { Updateable } from 'kysely';
import type { BatchDetail, DecisionRecord } from '../../shared/batch-protocol';
import { formatDmy } from '../../shared/dates';
import { serverStatusNames, type ApiIssue } from '../../shared/sync-protocol';
import { appendEvent } from '../changes/events';
import { keepingDashboardCounts } from '../dashboard/counts/keep';
import type { Db } from '../db/connect';
import type { CasesTable } from '../db/schema';
import { lockKey } from '../db/transaction';
import { invalid } from '../http/errors';
import { named } from './selection';
import { batchConflict, changed, onBatch, requireStatus, type Actor } from './service';

export function recordDecision(db: Db, actor: Actor, id: string, body: DecisionRecord): Promise<BatchDetail> {
  const { user, at } = actor;
  return onBatch(db, user, id, async (tx, batch) => {
    requireStatus(batch, ['submitted'], 'ghi quyết định');
    const members = await tx.selectFrom('batch_cases').select('case_id').where('batch_id', '=', id).execute();
    const ids = members.map((m) => m.case_id);
    for (const caseId of [...ids].sort()) await lockKey(tx, `case:${caseId}`);
    const rows = ids.length === 0 ? [] : await tx.selectFrom('cases')
      .select(['id', 'status', 'revision', 'subject_name', 'deed_date', 'commendation_form_id']).where('id', 'in', ids).execute();

    const issues: ApiIssue[] = body.notCommended.flatMap((n, i) =>
      ids.includes(n.caseId) ? [] : [{ path: `notCommended.${i}.caseId`, message: 'Hồ sơ này không có trong đợt đề nghị' }]);
    if (body.date < batch.doc_date) {
      issues.push({ path: 'date', message: `Ngày quyết định không thể trước ngày tờ trình (${formatDmy(batch.doc_date)})` });
    }
    const deedAfter = rows.filter((r) => r.deed_date > body.date);
    if (deedAfter.length > 0) {
      issues.push({ path: 'date', message: `Ngày quyết định không thể trước ngày làm việc tốt: ${
        deedAfter.map((r) => `${named({ id: r.id, subjectName: r.subject_name })} ngày ${formatDmy(r.deed_date)}`).join('; ')}` });
    }
    if (issues.length > 0) throw invalid(issues);

    const moved = rows.filter((r) => r.status !== 'proposed');
    if (moved.length > 0 || rows.length < ids.length) {
      throw batchConflict(`Có hồ sơ đã thay đổi từ khi trình, chưa ghi được quyết định (không có gì thay đổi): ${
        moved.map((r) => `${named({ id: r.id, subjectName: r.subject_name })} nay "${serverStatusNames[r.status]}"`).join('; ')
      }. Rút đợt này và lập đợt mới với các hồ sơ còn đề nghị khen thưởng.`);
    }

    const refused = new Map(body.notCommended.map((n) => [n.caseId, n]));
    const decisionNote = `Khen thưởng theo Quyết định số ${body.number} ngày ${formatDmy(body.date)} của ${body.authority}`;
    await keepingDashboardCounts(tx, ids, async () => {
      for (const row of rows) {
        const no = refused.get(row.id);
        const set: Updateable<CasesTable> = no
          ? { status: no.returnTo, updated_at: at, ...(no.returnTo === 'appraising' ? { commendation_form_id: null } : {}) }
          : { status: 'commended', decision_number: body.number, decision_date: body.date, updated_at: at };
        await tx.updateTable('cases').set(set).where('id', '=', row.id).execute();
        await appendEvent(tx, {
          caseId: row.id, revision: row.revision, kind: 'status', status: no ? no.returnTo : 'commended', fromStatus: 'proposed',
          comment: no ? no.comment : decisionNote, actorId: user.id, at,
          formId: no ? null : row.commendation_form_id, decisionNumber: no ? null : body.number, decisionDate: no ? null : body.date,
        });
        await tx.updateTable('batch_cases').set(no
          ? { outcome: 'not_commended', outcome_comment: no.comment, return_to: no.returnTo, open: 0 }
          : { outcome: 'commended', open: 0 })
          .where('batch_id', '=', id).where('case_id', '=', row.id).execute();
      }
    });
    return changed(tx, batch, actor, {
      status: 'decided', decision_number: body.number, decision_date: body.date, decision_authority: body.authority,
      decision_signer: body.signer, decided_at: at,
    }, 'decided', { number: body.number, date: body.date, commended: rows.length - refused.size, notCommended: [...refused.keys()] });
  });
}
