// The commendation settings a batch starts from (batchApi.settings): the legal bases a new batch lists (an editable
// list) and, per commendation form, the least share of the council's votes a case needs (off unless ticked). The
// server's messages land beside the base or the form they are about ("legalBases.1", "minVoteShare.<formId>").
import { useRef, useState } from 'preact/hooks';
import { DEFAULT_LEGAL_BASES, batchApi, type CommendationSettings } from '../../shared/batch-protocol';
import { CommendationSettingsSchema } from '../../shared/batch-schemas';
import { sendJson } from '../api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { LegalBasesField } from '../batches/LegalBasesField';
import { useLists } from '../ui/lists';
import { useRemote } from '../ui/useRemote';
import { SaveActions, useSave } from './save-form';
import { schemaErrors, type Errors } from './ui';

interface Draft { bases: string[]; shares: Record<string, string> }   // formId → percent as typed; absent: no minimum

const draftOf = (s: CommendationSettings): Draft => ({
  bases: [...s.legalBases],
  shares: Object.fromEntries(Object.entries(s.minVoteShare).map(([id, share]) => [id, String(Math.round(share * 1000) / 10)])),
});

/** The PUT body, and what to fix first: a share that is no percentage, then the server's own schema. */
function bodyOf(draft: Draft): { body: CommendationSettings; errors: Errors } {
  const errors: Errors = {};
  const minVoteShare: Record<string, number> = {};
  for (const [id, typed] of Object.entries(draft.shares)) {
    const pct = Number(typed.trim().replace(',', '.'));
    if (!typed.trim() || !Number.isFinite(pct) || pct <= 0 || pct > 100) errors[`minVoteShare.${id}`] = 'Nhập tỷ lệ từ trên 0 đến 100%';
    else minVoteShare[id] = Math.round(pct * 10) / 1000;
  }
  const body = { legalBases: draft.bases, minVoteShare };
  return { body, errors: { ...schemaErrors(CommendationSettingsSchema, body), ...errors } };
}

function Editor({ settings, onSaved }: { settings: CommendationSettings; onSaved: () => Promise<void> }) {
  const forms = useLists().commendationForms.filter((f) => !f.retired || settings.minVoteShare[f.id] !== undefined);
  const [draft, setDraft] = useState(() => draftOf(settings));
  const root = useRef<HTMLFormElement>(null);
  const { errors, setErrors, notice, busy, submit } = useSave(root, () => bodyOf(draft).errors, async () => {
    await sendJson<CommendationSettings>('PUT', batchApi.settings, bodyOf(draft).body);
    await onSaved();
    return 'Đã lưu thiết lập khen thưởng. Đợt đề nghị tạo từ nay dùng các căn cứ này.';
  });
  const setBases = (bases: string[]) => { setDraft({ ...draft, bases }); setErrors({}); };

  return (
    <form ref={root} class="admin-list" noValidate onSubmit={submit} aria-labelledby="commendation-defaults-title">
      <h2 id="commendation-defaults-title">Đợt đề nghị mới</h2>
      <p class="hint">Mỗi đợt đề nghị mới bắt đầu với các căn cứ này, theo thứ tự; người lập đợt vẫn sửa được trong đợt của mình.</p>
      <LegalBasesField bases={draft.bases} errors={errors} onChange={setBases} />
      <p><button type="button" class="button button--small" onClick={() => setBases([...DEFAULT_LEGAL_BASES])}>Về các căn cứ mặc định</button></p>

      <h3>Tỷ lệ phiếu đồng ý tối thiểu của Hội đồng</h3>
      <p class="hint">Không đánh dấu: không có yêu cầu (mặc định). Có yêu cầu: hồ sơ có tỷ lệ phiếu đồng ý thấp hơn không ở lại được trong đợt đã trình.</p>
      <table class="review-table admin-table">
        <caption class="visually-hidden">Tỷ lệ phiếu đồng ý tối thiểu theo hình thức khen thưởng</caption>
        <thead><tr><th scope="col">Hình thức khen thưởng</th><th scope="col">Có yêu cầu</th><th scope="col">Tối thiểu (%)</th></tr></thead>
        <tbody>
          {forms.map((f) => {
            const on = draft.shares[f.id] !== undefined;
            const error = errors[`minVoteShare.${f.id}`];
            const toggle = (checked: boolean) => {
              const shares = { ...draft.shares };
              if (checked) shares[f.id] = '50'; else delete shares[f.id];
              setDraft({ ...draft, shares });
            };
            return (
              <tr key={f.id}>
                <th scope="row">{f.name}</th>
                <td data-label="Có yêu cầu">
                  <input type="checkbox" id={`share-on-${f.id}`} checked={on} aria-label={`Có yêu cầu tỷ lệ tối thiểu: ${f.name}`}
                    onChange={(e) => toggle((e.currentTarget as HTMLInputElement).checked)} />
                </td>
                <td data-label="Tối thiểu (%)">
                  {on && (
                    <input type="text" inputMode="decimal" id={`share-${f.id}`} value={draft.shares[f.id]} aria-label={`Tỷ lệ tối thiểu (%): ${f.name}`}
                      aria-invalid={error ? true : undefined} aria-describedby={error ? `share-${f.id}-error` : undefined}
                      onInput={(e) => setDraft({ ...draft, shares: { ...draft.shares, [f.id]: (e.currentTarget as HTMLInputElement).value } })} />
                  )}
                  {error && <p id={`share-${f.id}-error`} class="error">{error}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <SaveActions notice={notice} busy={busy} label="Lưu thiết lập" />
    </form>
  );
}

export function CommendationDefaults() {
  const remote = useRemote<CommendationSettings>(batchApi.settings);
  if (!remote.data) {
    return remote.error !== undefined
      ? <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />
      : <p role="status">Đang tải thiết lập khen thưởng…</p>;
  }
  return <Editor settings={remote.data} onSaved={remote.reload} />;
}
