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
import { afterFirstScreen } from '../after-first-screen';
import { memo } from '../../ui/memo';

const CaseSummary = lazyComponent(() => import('./CaseSummary').then((m) => m.CaseSummary));

// valibot and the schema are not needed to show the form: fetched (from the precache) once the form is drawn and
// the phone idle, so "Hoàn tất" finds them loaded. If its file is gone (a tab left open across an update), the
// update banner asks for the reload.
type Validation = typeof import('../../shared/case-schema');
let validation: Validation | undefined;
const loadValidation = (): Promise<Validation> => (validation ? Promise.resolve(validation) : loadCode(() => import('../../shared/case-schema')).then((m) => (validation = m)));
function prefetchValidation(): void {
  // Only where the fetch cannot fail for want of a network (a failed import stays failed for the page).
  if (!validation && (navigator.serviceWorker?.controller || navigator.onLine)) afterFirstScreen(() => void loadValidation().catch(() => undefined));
}

const NO_ERRORS: FieldErrors = {};
const ignore = () => undefined;
// The form's sections are drawn again only when their own props change: pressing "Hoàn tất" (the button's
// state) or a message does not redraw every field.
const Fields = memo(CaseFields);
const Photos = memo(PhotoSection);
const Consent = memo(ConsentFields);

export function CaseFormScreen({ id }: { id: string }) {
  const { record, fields, update, flush, holdPending, saveState } = useDraft(id);
  const [errors, setErrors] = useState<FieldErrors | null>(null); // null until "Hoàn tất" was tried
  const [finishing, setFinishing] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const isDraft = record?.status === 'draft';
  useEffect(() => { if (isDraft) prefetchValidation(); }, [isDraft]);
  const step = useSteps(3, isDraft && !!fields);

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
    if (finishing) return;
    setFinishing(true);
    // The fields as shown (typed changes not autosaved yet included): checked, then written by the one
    // transaction that queues the case — or, when a field needs fixing, saved as the draft.
    let restorePending: (() => void) | undefined;
    try {
      const { validateForFinalise } = validation ?? await loadValidation();
      const v = validateForFinalise({ ...fields!, photos: record.fields.photos });
      if (!v.ok) {
        await flush();
        setErrors(v.errors);
        focusFirstInvalid(form.current);
        return;
      }
      restorePending = holdPending();
      const db = appDb();
      await finaliseCase(db, record.id, v.fields);
      restorePending = undefined;
      announce('Đã lưu trên máy — hồ sơ đang chờ gửi.');
      navigate(fieldPaths.list);
      pageSync()?.notifyQueued();
      // The case is queued: remembering the reporter for the next case need not hold the reporter up.
      void setSetting(db, 'reporter', { reporterName: v.fields.reporterName, reporterPhone: v.fields.reporterPhone })
        .then(() => requestPersistenceOnce(db))
        .catch((e: unknown) => announce(e instanceof Error ? e.message : String(e), 'error'));
    } catch (error) {
      restorePending?.(); // not queued: the changes it would have written are autosaved as before
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
        <Fields fields={fields!} errors={errors ?? NO_ERRORS} update={update} all={step > 1} />
        {step > 2 && (
          <>
            <Photos record={record} error={errors?.photos} onSaved={ignore} />
            <Consent fields={fields!} errors={errors ?? NO_ERRORS} update={update} />
            <div class="form-actions">
              <button type="submit" class="button button--primary" disabled={finishing}>Hoàn tất</button>
              <button type="button" class="button button--danger" onClick={() => void discard()}>Xoá nháp</button>
            </div>
          </>
        )}
      </form>
    </main>
  );
}

/**
 * The form is drawn in `total` steps, each in a task of its own once the previous one is painted (from when
 * `started`): the fields the reporter sees first, then the sections below them. Drawn at once, the whole form
 * was one long task of a slow phone's main thread; what comes later appears below the screen, moving nothing.
 */
function useSteps(total: number, started: boolean): number {
  const [step, setStep] = useState(1);
  useEffect(() => {
    if (!started || step >= total) return;
    const timer = setTimeout(() => setStep((s) => s + 1), 0);
    return () => clearTimeout(timer);
  }, [started, step]);
  return step;
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
