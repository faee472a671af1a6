// The batch's document header (Nghị định 30/2020: number and symbol, place and date, proposing body, Kính gửi,
// signer, legal bases): a form while the batch is a draft, saved with PATCH; a read-only list afterwards.
import { useState } from 'preact/hooks';
import { batchApi, type BatchDetail, type BatchHeader } from '../../shared/batch-protocol';
import { BatchHeaderPatchSchema } from '../../shared/batch-schemas';
import { formatDmy } from '../../shared/dates';
import { DateField, focusFirstInvalid, TextField } from '../../ui/fields';
import { sendJson } from '../api';
import { schemaIssues } from '../ui/schema-issues';
import { LegalBasesField } from './LegalBasesField';
import { useSend } from './send';

export function HeaderView({ header }: { header: BatchHeader }) {
  const rows: [string, string][] = [
    ['Số, ký hiệu', `${header.number || '…'}/${header.symbol}`],
    ['Địa danh, ngày', `${header.placeName}, ${formatDmy(header.date)}`],
    ['Cơ quan trình', header.proposingBody],
    ['Kính gửi', header.addressee],
    ['Người ký', [header.signerTitle, header.signerName].filter(Boolean).join(' ') || '—'],
  ];
  return (
    <>
      <dl class="summary">
        {rows.map(([label, value]) => [<dt key={`t-${label}`}>{label}</dt>, <dd key={`d-${label}`}>{value}</dd>])}
      </dl>
      <h3>Căn cứ</h3>
      <ol class="review-batch-bases">{header.legalBases.map((basis, i) => <li key={i}>{basis}</li>)}</ol>
    </>
  );
}

export function HeaderForm({ batch, onSaved }: { batch: BatchDetail; onSaved: (text: string) => Promise<void> }) {
  const [draft, setDraft] = useState<BatchHeader>(batch.header);
  const send = useSend();
  const e = send.errors;
  const set = (key: Exclude<keyof BatchHeader, 'legalBases'>) => (value: string) => setDraft({ ...draft, [key]: value });
  const field = (key: Exclude<keyof BatchHeader, 'legalBases' | 'date'>, label: string, o: { required?: boolean; hint?: string; max?: number } = {}) => (
    <TextField id={`h-${key}`} label={label} required={o.required} hint={o.hint} maxLength={o.max ?? 200}
      value={draft[key]} error={e[key]} onInput={set(key)} />
  );

  const save = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const issues = schemaIssues(BatchHeaderPatchSchema, draft);
    if (issues.length > 0) {
      send.refuse({ message: 'Phần đầu văn bản còn mục cần sửa.', issues });
      focusFirstInvalid(form);
      return;
    }
    if (await send.run(() => sendJson('PATCH', batchApi.batch(batch.id), draft))) await onSaved('Đã lưu phần đầu văn bản.');
    else focusFirstInvalid(form);
  };

  return (
    <form class="review-batch-form" aria-label="Phần đầu văn bản" noValidate onSubmit={(ev) => void save(ev)}>
      <div class="review-batch-grid">
        {field('number', 'Số văn bản', { hint: 'Chỉ chữ số; để trống nếu chưa có số', max: 20 })}
        {field('symbol', 'Ký hiệu', { required: true, hint: 'Ví dụ: TTr-UBND', max: 40 })}
        <DateField id="h-date" label="Ngày văn bản" hint="dd/mm/yyyy" required value={draft.date} error={e.date} onInput={set('date')} />
        {field('placeName', 'Địa danh', { required: true, hint: 'Ví dụ: Mường Kim', max: 100 })}
        {field('proposingBody', 'Cơ quan trình', { required: true })}
        {field('addressee', 'Kính gửi', { required: true })}
        {field('signerTitle', 'Chức vụ người ký', { hint: 'Ví dụ: Chủ tịch; KT. Chủ tịch / Phó Chủ tịch', max: 100 })}
        {field('signerName', 'Họ tên người ký', { max: 100 })}
      </div>
      <LegalBasesField bases={draft.legalBases} errors={e} onChange={(legalBases) => setDraft({ ...draft, legalBases })} />
      {send.failure && <p class="error" role="alert">{send.failure.message}</p>}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={send.busy}>{send.busy ? 'Đang lưu…' : 'Lưu phần đầu văn bản'}</button>
      </div>
    </form>
  );
}
