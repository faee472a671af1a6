// The signed decision, recorded once for the whole submitted batch: number, date, deciding authority, signer, and
// the cases the authority did not commend (each with the board's comment and the state it goes back to). Every
// other case becomes "Đã khen thưởng" in the same transaction on the server.
import { useState } from 'preact/hooks';
import {
  batchApi, NOT_COMMENDED_RETURNS, type BatchDetail, type DecisionRecord, type NotCommendedReturn,
} from '../../shared/batch-protocol';
import { DecisionSchema } from '../../shared/batch-schemas';
import { formatDmy } from '../../shared/dates';
import { CheckboxField, choicesOf, DateField, focusFirstInvalid, SelectField, TextField } from '../../ui/fields';
import { postJson } from '../api';
import { schemaIssues } from '../ui/schema-issues';
import { useSend } from './send';

const returnNames: Record<NotCommendedReturn, string> = {
  appraising: 'Trở lại “Đang thẩm định”',
  returned: 'Trả lại người báo cáo để bổ sung',
  rejected: 'Không đủ điều kiện (kết thúc)',
};
const returnChoices = choicesOf(NOT_COMMENDED_RETURNS, returnNames);

type Mark = { comment: string; returnTo: NotCommendedReturn };

export function DecisionView({ decision }: { decision: NonNullable<BatchDetail['decision']> }) {
  return (
    <dl class="summary">
      <dt>Số quyết định</dt><dd>{decision.number}</dd>
      <dt>Ngày quyết định</dt><dd>{formatDmy(decision.date)}</dd>
      <dt>Cấp quyết định</dt><dd>{decision.authority}</dd>
      <dt>Người ký</dt><dd>{decision.signer}</dd>
    </dl>
  );
}

export function DecisionForm({ batch, onSaved }: { batch: BatchDetail; onSaved: (text: string) => Promise<void> }) {
  const [head, setHead] = useState({ number: '', date: '', authority: batch.header.addressee, signer: '' });
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const send = useSend();
  const e = send.errors;
  const set = (key: keyof typeof head) => (value: string) => setHead({ ...head, [key]: value });
  const marked = batch.cases.filter((c) => marks[c.caseId]);
  /** The message for a marked case's field: notCommended is in the batch's order of the marked cases. */
  const markError = (caseId: string, field: keyof Mark) => {
    const index = marked.findIndex((c) => c.caseId === caseId);
    return index < 0 ? undefined : e[`notCommended.${index}.${field}`] ?? (field === 'comment' ? e[`notCommended.${index}.caseId`] : undefined);
  };
  const mark = (caseId: string, change: Partial<Mark> | null) => {
    const next = { ...marks };
    if (change === null) delete next[caseId];
    else next[caseId] = { comment: '', returnTo: 'appraising', ...next[caseId], ...change };
    setMarks(next);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const record: DecisionRecord = { ...head, notCommended: marked.map((c) => ({ caseId: c.caseId, ...marks[c.caseId]! })) };
    const issues = schemaIssues(DecisionSchema, record);
    if (issues.length > 0) {
      send.refuse({ message: 'Quyết định còn mục cần sửa.', issues });
      focusFirstInvalid(form);
      return;
    }
    if (await send.run(() => postJson(batchApi.decision(batch.id), record))) await onSaved(`Đã ghi nhận Quyết định số ${record.number.trim()}.`);
    else focusFirstInvalid(form);
  };

  return (
    <form class="review-batch-form" aria-label="Ghi nhận quyết định khen thưởng" noValidate onSubmit={(ev) => void save(ev)}>
      <div class="review-batch-grid">
        <TextField id="d-number" label="Số quyết định" required hint="Ví dụ: 125/QĐ-UBND" maxLength={64} value={head.number}
          error={e.number} onInput={set('number')} />
        <DateField id="d-date" label="Ngày quyết định" hint="dd/mm/yyyy" required value={head.date} error={e.date} onInput={set('date')} />
        <TextField id="d-authority" label="Cấp quyết định" required maxLength={200} value={head.authority} error={e.authority}
          onInput={set('authority')} />
        <TextField id="d-signer" label="Người ký quyết định" required maxLength={100} value={head.signer} error={e.signer}
          onInput={set('signer')} />
      </div>
      <fieldset class="review-batch-marks">
        <legend>Hồ sơ không được khen thưởng</legend>
        <p class="hint">Mọi hồ sơ không đánh dấu ở đây sẽ chuyển sang “Đã khen thưởng”.</p>
        {batch.cases.map((c, index) => {
          const m = marks[c.caseId];
          return (
            <div key={c.caseId} class="review-batch-mark">
              <CheckboxField id={`nc-${index}`} label={`Không được khen thưởng: ${c.subjectName}`} checked={!!m}
                onChange={(checked) => mark(c.caseId, checked ? {} : null)} />
              {m && (
                <div class="review-batch-grid">
                  <TextField id={`nc-${index}-comment`} label={`Lý do (${c.subjectName})`} required multiline rows={2} maxLength={2000}
                    hint="Người báo cáo sẽ đọc được nội dung này trên điện thoại." value={m.comment}
                    error={markError(c.caseId, 'comment')} onInput={(comment) => mark(c.caseId, { comment })} />
                  <SelectField id={`nc-${index}-return`} label={`Hồ sơ trở về (${c.subjectName})`} emptyChoice={null} value={m.returnTo}
                    choices={returnChoices} error={markError(c.caseId, 'returnTo')} onChange={(returnTo) => mark(c.caseId, { returnTo })} />
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
      {send.failure && <p class="error" role="alert">{send.failure.message}</p>}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={send.busy}>
          {send.busy ? 'Đang ghi…' : 'Ghi nhận quyết định cho cả đợt'}
        </button>
      </div>
    </form>
  );
}
