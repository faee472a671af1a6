// One case: the draft form with autosave, "Hoàn tất" (validate → outbox), or the read-only view once queued.
import { useEffect, useRef, useState } from 'preact/hooks';
import { appDb, type LocalCase } from '../../db/database';
import { deleteCase } from '../../db/cases';
import { finaliseCase } from '../../db/outbox';
import { reopenForEditing } from '../../db/reporter-choices';
import { setSetting } from '../../db/settings';
import type { FieldErrors } from '../../shared/case-schema';
import { formatDateTime } from '../../shared/dates';
import { CaseFields } from '../form/CaseFields';
import { ConsentFields } from '../form/ConsentFields';
import { PhotoSection } from '../form/PhotoSection';
import { useDraft, type SaveState } from '../hooks/useDraft';
import { navigate } from '../../ui/router';
import { fieldPaths } from '../../ui/paths';
import { requestPersistenceOnce } from '../storage/persistence';
import { pageSync } from '../sync/useSync';
import { announce } from '../../ui/notices';
import { focusFirstInvalid } from '../../ui/fields';
import { lazyComponent } from '../lazy';
import { loadCode, StaleCodeError } from '../pwa/stale-code';
import { MissingCase } from './ErasedNotices';

const CaseSummary = lazyComponent(() => import('./CaseSummary').then((m) => m.CaseSummary));

// valibot and the schema are not needed to show the form: fetched (from the precache) when first needed.
// If its file is gone (a tab left open across an update), the update banner asks for the reload.
const loadValidation = () => loadCode(() => import('../../shared/case-schema'));

export function CaseFormScreen({ id }: { id: string }) {
  const { record, fields, update, flush, saveState } = useDraft(id);
  const [errors, setErrors] = useState<FieldErrors | null>(null); // null until "Hoàn tất" was tried
  const [finishing, setFinishing] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // Once "Hoàn tất" was tried, messages follow the user's corrections.
  useEffect(() => {
    if (errors && fields && record) {
      void loadValidation().then(({ validateForFinalise }) => {
        const v = validateForFinalise({ ...fields, photos: record.fields.photos });
        setErrors(v.ok ? {} : v.errors);
      }, () => undefined); // the update banner is shown
    }
  }, [fields]);

  if (record === undefined || (record && !fields)) return <main id="main" class="screen"><p>Đang mở hồ sơ…</p></main>;
  if (record === null) return <MissingCase id={id} />;
  if (record.status !== 'draft') {
    return <CaseSummary record={record} onReopen={() => void reopenForEditing(appDb(), record.id).catch((e: unknown) => announce(e instanceof Error ? e.message : String(e), 'error'))} />;
  }

  const finish = async () => {
    setFinishing(true);
    try {
      await flush();
      const { validateForFinalise } = await loadValidation();
      const v = validateForFinalise({ ...fields!, photos: record.fields.photos });
      if (!v.ok) {
        setErrors(v.errors);
        focusFirstInvalid(form.current);
        return;
      }
      const db = appDb();
      await finaliseCase(db, record.id, v.fields);
      announce('Đã lưu trên máy — hồ sơ đang chờ gửi.');
      navigate(fieldPaths.list);
      pageSync()?.notifyQueued();
      // The case is queued: remembering the reporter for the next case need not hold the reporter up.
      void setSetting(db, 'reporter', { reporterName: v.fields.reporterName, reporterPhone: v.fields.reporterPhone })
        .then(() => requestPersistenceOnce(db))
        .catch((e: unknown) => announce(e instanceof Error ? e.message : String(e), 'error'));
    } catch (error) {
      if (error instanceof StaleCodeError) return; // the update banner asks for the reload; the draft is saved
      setErrors({});
      announce(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      setFinishing(false);
    }
  };

  const discard = async () => {
    if (!confirm('Xoá hẳn bản nháp này và ảnh của nó?')) return;
    await deleteCase(appDb(), record.id);
    announce('Đã xoá bản nháp.');
    navigate(fieldPaths.list, { replace: true });
  };

  const errorCount = errors ? Object.keys(errors).length : 0;
  return (
    <main id="main" class="screen">
      <h1>{fields!.subjectName?.trim() || 'Hồ sơ mới'}</h1>
      <SaveStatus state={saveState} />
      <ReturnedNotice record={record} />
      {errorCount > 0 && (
        <div class="notice notice--error" role="alert">Còn {errorCount} mục cần sửa trước khi hoàn tất.</div>
      )}
      <form ref={form} noValidate onSubmit={(e) => { e.preventDefault(); void finish(); }}>
        <CaseFields fields={fields!} errors={errors ?? {}} update={update} />
        <PhotoSection record={record} error={errors?.photos} onSaved={() => undefined} />
        <ConsentFields fields={fields!} errors={errors ?? {}} update={update} />
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={finishing}>Hoàn tất</button>
          <button type="button" class="button button--danger" onClick={() => void discard()}>Xoá nháp</button>
        </div>
      </form>
    </main>
  );
}

/** While a returned case is corrected, the board's reason stays in view. */
function ReturnedNotice({ record }: { record: LocalCase }) {
  const reason = [...(record.notes ?? [])].reverse().find((n) => n.status === 'returned');
  if (record.serverStatus !== 'returned' || !reason?.comment) return null;
  return <p class="notice notice--warn" role="note"><strong>Hội đồng đề nghị bổ sung:</strong> {reason.comment}</p>;
}

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving' ? 'Đang lưu…'
    : state.kind === 'saved' ? `Đã lưu trên máy lúc ${formatDateTime(state.at).slice(11)}`
    : state.kind === 'error' ? state.message
    : 'Mọi thay đổi được tự động lưu trên máy.';
  return <p class={`save-status save-status--${state.kind}`} role="status">{text}</p>;
}
