// The actions on a case: exactly the transitions the server says this reviewer may make now. A stale click
// (the case changed meanwhile) comes back as a 409 with the server's message, and the case is reloaded.
import { useEffect, useRef, useState } from 'preact/hooks';
import { transitionActionName, type TransitionTarget } from '../../shared/appraisal';
import { reviewApi, type ReviewCase, type ReviewListItem } from '../../shared/review-protocol';
import { serverStatusNames } from '../../shared/sync-protocol';
import { fieldPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { postJson, ReviewError } from '../api';
import { TransitionForm } from './TransitionForm';
import { buildTransition, draftErrors, emptyDraft, type DraftErrors, type TransitionDraft } from './transition-request';

type Outcome = { kind: 'done' | 'refused' | 'signed-out'; text: string };

export function TransitionPanel({ detail, reload }: { detail: ReviewCase; reload: () => Promise<void> }) {
  const head = detail.case;
  const [chosen, setChosen] = useState<TransitionTarget>();
  const [draft, setDraft] = useState<TransitionDraft>(() => emptyDraft(head, head.fields.proposedFormId));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => { if (outcome) outcomeRef.current?.focus(); }, [outcome]);

  const choose = (to: TransitionTarget | undefined) => {
    setChosen(to);
    setDraft(emptyDraft(head, head.fields.proposedFormId));
    setErrors({});
    setMessage(undefined);
  };

  const finish = async (next: Outcome) => {
    choose(undefined);
    await reload();
    setOutcome(next);
  };

  const submit = async () => {
    if (!chosen || busy) return;
    const built = buildTransition(chosen, draft, head);
    if ('errors' in built) { setErrors(built.errors); setMessage(undefined); return; }
    setErrors({});
    setMessage(undefined);
    setOutcome(undefined);
    setBusy(true);
    try {
      const moved = await postJson<ReviewListItem>(reviewApi.transitions(head.id), built.request);
      await finish({ kind: 'done', text: `Đã chuyển hồ sơ sang “${serverStatusNames[moved.status]}”.` });
    } catch (error) {
      if (!(error instanceof ReviewError) || error.status === 0) {
        setMessage(error instanceof ReviewError ? error.message : 'Chưa gửi được. Hãy thử lại.');
      } else if (error.status === 422) {
        setErrors(draftErrors(error.issues));
        setMessage(error.message);
      } else {
        // 409 (changed meanwhile, or no longer allowed), 403, 404: what the screen showed is out of date.
        await finish({ kind: error.status === 401 ? 'signed-out' : 'refused', text: error.message });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section review-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Xử lý hồ sơ</h2>
      {outcome && (
        <p ref={outcomeRef} tabIndex={-1} class={`notice ${outcome.kind === 'done' ? 'notice--info' : 'notice--error'}`}
          role={outcome.kind === 'done' ? 'status' : 'alert'}>
          {outcome.text}
          {outcome.kind === 'signed-out' && <> <a href={fieldPaths.signIn} onClick={onLinkClick}>Đăng nhập lại</a></>}
        </p>
      )}
      {detail.openBatch
        ? <p class="hint">Hồ sơ đang trong đợt đề nghị {detail.openBatch.label}: việc xét khen thưởng hồ sơ này được làm trong đợt.</p>
        : detail.allowed.length === 0
        ? <p class="hint">Ở trạng thái này, tài khoản của bạn không có thao tác nào với hồ sơ.</p>
        : (
          <div class="review-actions__buttons">
            {detail.allowed.map((to) => (
              <button key={to} type="button" class={`button${chosen === to ? ' button--primary' : ''}`}
                aria-expanded={chosen === to} aria-controls={chosen === to ? 'transition-form' : undefined}
                onClick={() => choose(chosen === to ? undefined : to)}>
                {transitionActionName(head.status, to)}
              </button>
            ))}
          </div>
        )}
      {chosen && (
        <TransitionForm key={chosen} from={head.status} to={chosen} draft={draft} errors={errors} message={message} busy={busy}
          onChange={setDraft} onSubmit={() => void submit()} onCancel={() => choose(undefined)} />
      )}
    </section>
  );
}
