// The data subject's rights (Luật Bảo vệ dữ liệu cá nhân), for an admin or a province reviewer acting on the
// citizen's request: one download of everything held about the case, and its erasure. Each action opens a
// confirmation that names the case (the subject's name and a short id); erasure also asks the request's
// reference and says that it cannot be undone. The server checks every call again.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { mayServeDataSubject } from '../../shared/appraisal';
import { shortCaseId } from '../../shared/ids';
import { ERASURE_REASON_MAX, reviewApi, type ErasureReceipt, type ErasureRequest, type ReviewCase } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { focusFirstInvalid, TextField } from '../../ui/fields';
import { downloadFile, postJson, ReviewError } from '../api';
import { ErrorNotice } from '../ui/ErrorNotice';

type Action = 'access' | 'erasure';

interface Props {
  user: SessionUser;
  head: ReviewCase['case'];
  /** The server erased the case (or says it already was): the screen shows that instead of the case. */
  onErased: (receipt: ErasureReceipt | undefined) => void;
}

export function SubjectRights({ user, head, onErased }: Props) {
  const [chosen, setChosen] = useState<Action>();
  const [done, setDone] = useState<string>();
  if (!mayServeDataSubject(user.role)) return null;

  const choose = (action: Action | undefined) => { setChosen(action); setDone(undefined); };
  const button = (action: Action, label: string) => (
    <button type="button" class={`button${chosen === action ? ' button--primary' : action === 'erasure' ? ' button--danger' : ''}`}
      aria-expanded={chosen === action} aria-controls={chosen === action ? 'rights-form' : undefined}
      onClick={() => choose(chosen === action ? undefined : action)}>
      {label}
    </button>
  );

  return (
    <section class="section review-actions" aria-labelledby="rights-title">
      <h2 id="rights-title">Quyền của người được nêu tên</h2>
      <p class="hint">Khi người được nêu tên trong hồ sơ (hoặc người đại diện hợp pháp) yêu cầu xem hoặc xoá dữ liệu của mình.</p>
      {done && <p class="notice notice--info" role="status">{done}</p>}
      <div class="review-actions__buttons">
        {button('access', 'Tải toàn bộ dữ liệu')}
        {button('erasure', 'Xoá dữ liệu cá nhân')}
      </div>
      {chosen === 'access' && <AccessForm head={head} onDone={(text) => { setChosen(undefined); setDone(text); }} onCancel={() => choose(undefined)} />}
      {chosen === 'erasure' && <ErasureForm head={head} onErased={onErased} onCancel={() => choose(undefined)} />}
    </section>
  );
}

interface FormProps { head: ReviewCase['case']; onCancel: () => void }

interface ConfirmProps extends FormProps {
  label: string;
  /** The confirming button, which names the case. */
  action: string;
  busyText: string;
  danger?: boolean;
  children: ComponentChildren;
  /** Checks the form first (false: nothing is sent, the field to fix gets the focus). */
  valid?: () => boolean;
  /** The call; what it throws is shown with the workspace's ErrorNotice (a field's refusal it shows itself). */
  run: () => Promise<void>;
}

/** The confirmation both actions share, in the transition forms' look: which case, what happens, confirm or cancel. */
function ConfirmForm(p: ConfirmProps) {
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => { form.current?.querySelector<HTMLElement>('textarea, input, button')?.focus(); }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(undefined);
    if (p.valid && !p.valid()) { focusFirstInvalid(form.current); return; }
    setBusy(true);
    try {
      await p.run();
      focusFirstInvalid(form.current); // a field the server refused (422)
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} id="rights-form" class="review-transition" aria-label={p.label} noValidate onSubmit={(e) => void submit(e)}>
      <p>Hồ sơ: <strong>{p.head.subjectName}</strong> (mã …{shortCaseId(p.head.id)})</p>
      {p.children}
      {!!error && <ErrorNotice error={error} />}
      <div class="form-actions">
        <button type="submit" class={`button ${p.danger ? 'button--danger' : 'button--primary'}`} disabled={busy}>{busy ? p.busyText : p.action}</button>
        <button type="button" class="button" onClick={p.onCancel}>Huỷ</button>
      </div>
    </form>
  );
}

function AccessForm({ head, onDone, onCancel }: FormProps & { onDone: (text: string) => void }) {
  const short = shortCaseId(head.id);
  const run = async () => {
    const name = await downloadFile(reviewApi.subjectAccess(head.id), `du-lieu-ho-so-${short}.zip`);
    onDone(`Đã tải về tệp ${name}.`);
  };
  return (
    <ConfirmForm head={head} onCancel={onCancel} label="Tải toàn bộ dữ liệu của hồ sơ" action={`Tải dữ liệu hồ sơ …${short}`} busyText="Đang tải…" run={run}>
      <p>Một tệp ZIP gồm mọi phiên bản của hồ sơ, diễn biến thẩm định và ảnh gốc. Tệp chứa dữ liệu cá nhân: chỉ giao cho người yêu cầu, không để lại trên máy dùng chung.</p>
    </ConfirmForm>
  );
}

function ErasureForm({ head, onErased, onCancel }: FormProps & { onErased: Props['onErased'] }) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();

  const valid = () => {
    const missing = reason.trim() === '' ? 'Hãy ghi lý do xoá (số hiệu của yêu cầu).' : undefined;
    setReasonError(missing);
    return !missing;
  };
  const run = async () => {
    try {
      const body: ErasureRequest = { caseId: head.id, reason: reason.trim() };
      onErased(await postJson<ErasureReceipt>(reviewApi.erasure(head.id), body));
    } catch (e) {
      if (e instanceof ReviewError && e.status === 410) return onErased(undefined); // erased meanwhile, by someone else
      const issue = e instanceof ReviewError ? e.issues.find((i) => i.path === 'reason') : undefined;
      if (!issue) throw e;
      setReasonError(issue.message);
    }
  };

  return (
    <ConfirmForm head={head} onCancel={onCancel} label="Xoá dữ liệu cá nhân của hồ sơ" action={`Xoá vĩnh viễn hồ sơ …${shortCaseId(head.id)}`}
      busyText="Đang xoá…" danger valid={valid} run={run}>
      <p class="notice notice--error">
        <strong>Không thể hoàn tác.</strong> Mọi phiên bản, ảnh, ý kiến và bài trên bản tin của hồ sơ bị xoá vĩnh viễn; điện thoại
        của người báo cáo xoá bản sao ở lần đồng bộ sau. Chỉ còn lại mã hồ sơ và nhật ký: ai xoá, lúc nào, vì sao.
      </p>
      <TextField id="erase-reason" label="Lý do xoá (số hiệu yêu cầu)" required multiline rows={2} maxLength={ERASURE_REASON_MAX}
        hint="Ví dụ: Đơn yêu cầu số 12/2026 ngày 03/12/2026. Không ghi họ tên hay thông tin cá nhân: lý do được giữ trong nhật ký."
        value={reason} error={reasonError} onInput={setReason} />
    </ConfirmForm>
  );
}
