// The small form behind one action button: a comment (required to return or reject), the commendation form
// to propose, or the decision that was made. Errors show beside each field before anything is sent.
import { useEffect, useRef } from 'preact/hooks';
import { transitionActionName, type TransitionTarget } from '../../shared/appraisal';
import type { ServerStatus } from '../../shared/sync-protocol';
import { DateField, focusFirstInvalid, SelectField, TextField } from '../../ui/fields';
import { useLists } from '../ui/lists';
import { commentRule, recordsDecision } from '../../shared/transition-rules';
import type { DraftErrors, TransitionDraft } from './transition-request';

interface Props {
  from: ServerStatus;
  to: TransitionTarget;
  draft: TransitionDraft;
  errors: DraftErrors;
  /** A message about the whole form (the server's, or a network failure). */
  message: string | undefined;
  busy: boolean;
  onChange: (draft: TransitionDraft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

export function TransitionForm({ from, to, draft, errors, message, busy, onChange, onSubmit, onCancel }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const set = (field: keyof TransitionDraft) => (value: string) => onChange({ ...draft, [field]: value });
  const forms = useLists().commendationForms.filter((f) => !f.retired).map((f) => ({ value: f.id, label: f.name }));
  const decides = recordsDecision(from, to);
  const comment = commentRule(from, to);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  // After a refused submit, the first field to fix gets the focus (its message is read out with it).
  const submit = (event: Event) => {
    event.preventDefault();
    onSubmit();
    focusFirstInvalid(form.current);
  };
  const action = transitionActionName(from, to);

  return (
    <form ref={form} id="transition-form" class="review-transition" aria-label={action} noValidate onSubmit={submit}>
      {(to === 'proposed' || decides) && (
        <SelectField id="t-form" label={to === 'proposed' ? 'Hình thức khen thưởng đề nghị' : 'Hình thức khen thưởng đã quyết định'}
          required value={draft.formId} choices={forms} error={errors.formId} onChange={set('formId')} />
      )}
      {decides && (
        <div class="row">
          <TextField id="t-number" label="Số quyết định" required value={draft.decisionNumber} maxLength={64}
            hint="Ví dụ: 125/QĐ-UBND" error={errors.decisionNumber} onInput={set('decisionNumber')} />
          <DateField id="t-date" label="Ngày quyết định" hint="dd/mm/yyyy" required value={draft.decisionDate} error={errors.decisionDate}
            onInput={set('decisionDate')} />
        </div>
      )}
      <TextField id="t-comment" label={comment.label} required={!!comment.missing} multiline rows={3} maxLength={2000}
        value={draft.comment} error={errors.comment} onInput={set('comment')}
        hint={to === 'returned' || to === 'rejected' ? 'Người báo cáo sẽ đọc được nội dung này trên điện thoại.' : undefined} />
      {message && <p class="error" role="alert">{message}</p>}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>{busy ? 'Đang gửi…' : `Xác nhận: ${action}`}</button>
        <button type="button" class="button" onClick={onCancel}>Huỷ</button>
      </div>
    </form>
  );
}
