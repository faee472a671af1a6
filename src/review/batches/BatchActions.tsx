// "Trình" (draft → submitted) with the server's refusals listed case by case (a vote below the form's minimum, a
// case no longer proposed…), and "Rút đợt đề nghị" (draft or submitted → withdrawn) with its required reason.
import { useRef, useState } from 'preact/hooks';
import { batchApi, type BatchDetail } from '../../shared/batch-protocol';
import { WithdrawSchema } from '../../shared/batch-schemas';
import { focusFirstInvalid, TextField } from '../../ui/fields';
import { postJson } from '../api';
import { schemaIssues } from '../ui/schema-issues';
import { issueLines, useSend } from './send';

function WithdrawForm({ batch, onDone, onCancel }: { batch: BatchDetail; onDone: (text: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const send = useSend();
  const save = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const issues = schemaIssues(WithdrawSchema, { reason });
    if (issues.length > 0) send.refuse({ message: issues[0]!.message, issues });
    else if (await send.run(() => postJson(batchApi.withdraw(batch.id), { reason }))) return onDone('Đã rút đợt đề nghị.');
    focusFirstInvalid(form);
  };
  return (
    <form id="withdraw-form" class="review-batch-form" aria-label="Rút đợt đề nghị" noValidate onSubmit={(ev) => void save(ev)}>
      <TextField id="w-reason" label="Lý do rút đợt đề nghị" required multiline rows={2} maxLength={500} value={reason}
        error={send.errors.reason ?? (send.failure && !send.failure.issues.length ? send.failure.message : undefined)} onInput={setReason} />
      <div class="form-actions">
        <button type="submit" class="button button--danger" disabled={send.busy}>{send.busy ? 'Đang gửi…' : 'Xác nhận rút đợt đề nghị'}</button>
        <button type="button" class="button" onClick={onCancel}>Huỷ</button>
      </div>
    </form>
  );
}

export function BatchActions({ batch, onDone }: { batch: BatchDetail; onDone: (text: string) => Promise<void> }) {
  const send = useSend();
  const [withdrawing, setWithdrawing] = useState(false);
  const refusal = useRef<HTMLDivElement>(null);

  const submit = async () => {
    if (await send.run(() => postJson(batchApi.submit(batch.id), {}))) await onDone('Đã trình đợt đề nghị. Từ nay đợt chỉ đọc, trừ khi rút lại.');
    else requestAnimationFrame(() => refusal.current?.focus());
  };

  return (
    <div class="review-batch-actions">
      <div class="review-actions__buttons">
        {batch.status === 'draft' && (
          <button type="button" class="button button--primary" disabled={send.busy || batch.cases.length === 0} onClick={() => void submit()}>
            {send.busy ? 'Đang trình…' : 'Trình'}
          </button>
        )}
        <button type="button" class="button button--danger" aria-expanded={withdrawing} aria-controls={withdrawing ? 'withdraw-form' : undefined}
          onClick={() => setWithdrawing(!withdrawing)}>Rút đợt đề nghị</button>
      </div>
      {send.failure && (
        <div ref={refusal} tabIndex={-1} class="notice notice--error" role="alert">
          <p>{send.failure.message}</p>
          {issueLines(send.failure, batch.cases).length > 0 && <ul>{issueLines(send.failure, batch.cases).map((line) => <li key={line}>{line}</li>)}</ul>}
        </div>
      )}
      {withdrawing && <WithdrawForm batch={batch} onDone={onDone} onCancel={() => setWithdrawing(false)} />}
    </div>
  );
}
