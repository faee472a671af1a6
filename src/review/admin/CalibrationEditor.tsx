// Per commendation form, where each text field prints on its blank (mm from the sheet's top-left, the box's
// width, the font size, the alignment), checked with the server's own schema before sending; the server's
// messages land beside the input they are about ("name.x" → the name's "Cách mép trái"). The test print opens
// the saved positions over a millimetre grid, to hold against a real blank.
import { useRef, useState } from 'preact/hooks';
import {
  ALIGNMENTS, CERTIFICATE_FIELDS, DEFAULT_CERTIFICATE_LAYOUT, FONT_PT, SHEET_MM, alignmentNames, certificateApi,
  certificateFieldNames, type CertificateFormLayout, type CertificateLayouts,
} from '../../shared/certificate-protocol';
import { certificateLayoutSchema } from '../../shared/certificate-schemas';
import { choicesOf, Select } from '../../ui/fields';
import { sendJson } from '../api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useRemote } from '../ui/useRemote';
import {
  NUMBER_KEYS, bodyOfDraft, draftOfLayout, numberKeyNames, sameDraft, type LayoutDraft, type NumberKey,
} from './calibration-draft';
import { SaveActions, useSave } from './save-form';
import { schemaErrors } from './ui';

const alignChoices = choicesOf(ALIGNMENTS, alignmentNames);
const limits: Record<NumberKey, { min: number; max: number }> = {
  x: { min: 0, max: SHEET_MM.width }, y: { min: 0, max: SHEET_MM.height },
  width: { min: 10, max: SHEET_MM.width }, fontSize: FONT_PT,
};

function FormCalibration({ form, onSaved }: { form: CertificateFormLayout; onSaved: (saved: CertificateLayouts) => void }) {
  const saved = draftOfLayout(form.layout);
  const [draft, setDraft] = useState<LayoutDraft>(saved);
  const root = useRef<HTMLFormElement>(null);
  const dirty = !sameDraft(draft, saved);
  const { errors, setErrors, notice, busy, submit } = useSave(root,
    () => schemaErrors(certificateLayoutSchema, bodyOfDraft(draft)),
    async () => {
      onSaved(await sendJson<CertificateLayouts>('PUT', certificateApi.layout(form.formId), bodyOfDraft(draft)));
      return `Đã lưu vị trí in của ${form.formName}. Bấm "In thử" để kiểm tra trên phôi.`;
    });

  const change = (field: (typeof CERTIFICATE_FIELDS)[number], key: NumberKey | 'align', value: string) =>
    setDraft({ ...draft, [field]: { ...draft[field], [key]: value } });

  return (
    <form ref={root} noValidate onSubmit={submit} aria-label={`Vị trí in trên phôi: ${form.formName}`}>
      <table class="review-table admin-table calibration-table">
        <caption class="visually-hidden">Vị trí các dòng chữ trên phôi {form.formName} (khổ A4 ngang {SHEET_MM.width} × {SHEET_MM.height} mm)</caption>
        <thead>
          <tr>
            <th scope="col">Dòng chữ</th>
            {NUMBER_KEYS.map((key) => <th key={key} scope="col">{numberKeyNames[key]}</th>)}
            <th scope="col">Căn</th>
          </tr>
        </thead>
        <tbody>
          {CERTIFICATE_FIELDS.map((field) => (
            <tr key={field}>
              <th scope="row">{certificateFieldNames[field]}</th>
              {NUMBER_KEYS.map((key) => {
                const id = `cal-${field}-${key}`;
                const error = errors[`${field}.${key}`];
                return (
                  <td key={key} data-label={numberKeyNames[key]}>
                    <input id={id} type="text" inputMode="decimal" class="calibration-input" value={draft[field][key]}
                      aria-label={`${certificateFieldNames[field]}: ${numberKeyNames[key]} (${limits[key].min}–${limits[key].max})`}
                      aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
                      onInput={(e) => change(field, key, (e.currentTarget as HTMLInputElement).value)} />
                    {error && <p id={`${id}-error`} class="error">{error}</p>}
                  </td>
                );
              })}
              <td data-label="Căn">
                <Select id={`cal-${field}-align`} ariaLabel={`${certificateFieldNames[field]}: căn lề`} emptyChoice={null}
                  value={draft[field].align} choices={alignChoices} onChange={(align) => change(field, 'align', align)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SaveActions notice={notice} busy={busy} label="Lưu vị trí in">
        <button type="button" class="button" onClick={() => { setDraft(draftOfLayout(DEFAULT_CERTIFICATE_LAYOUT)); setErrors({}); }}>
          Về vị trí mặc định
        </button>
        <a class="button" href={certificateApi.testPrint(form.formId)} target="_blank" rel="noopener">In thử trên lưới căn chỉnh</a>
        {dirty && <span class="admin-unsaved">Có thay đổi chưa lưu (in thử dùng vị trí đã lưu)</span>}
      </SaveActions>
    </form>
  );
}

export function CalibrationEditor() {
  const remote = useRemote<CertificateLayouts>(certificateApi.layouts);
  const [current, setCurrent] = useState<string>();
  const [fresh, setFresh] = useState<CertificateLayouts>();
  const data = fresh ?? remote.data;
  if (!data) {
    return remote.error !== undefined
      ? <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />
      : <p role="status">Đang tải vị trí in giấy khen…</p>;
  }
  const form = data.forms.find((f) => f.formId === current) ?? data.forms[0];
  return (
    <section class="admin-list" aria-labelledby="calibration-title">
      <h2 id="calibration-title">Căn chỉnh in giấy khen lên phôi</h2>
      <p class="hint">
        Vị trí tính bằng milimét từ mép trên và mép trái tờ A4 nằm ngang ({SHEET_MM.width} × {SHEET_MM.height} mm), đến góc trên bên trái
        của ô chữ; cỡ chữ từ {FONT_PT.min} đến {FONT_PT.max} pt. Mỗi hình thức khen thưởng có phôi riêng nên có vị trí riêng.
      </p>
      <div class="filters" role="group" aria-label="Chọn hình thức khen thưởng">
        {data.forms.map((f) => (
          <button key={f.formId} type="button" class="chip" aria-pressed={f.formId === form?.formId} onClick={() => setCurrent(f.formId)}>
            {f.formName}{f.saved ? '' : ' (mặc định)'}
          </button>
        ))}
      </div>
      {form && <FormCalibration key={form.formId} form={form} onSaved={setFresh} />}
    </section>
  );
}
