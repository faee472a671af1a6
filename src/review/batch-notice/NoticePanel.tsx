// "Lấy ý kiến nhân dân" on the batch screen (Chỉ thị 02/CT-UBND §5, dân chủ, công khai): a submitted batch is posted
// for public comment for a number of days; while it runs, its public page's link and period; the comments citizens
// sent. The server checks everything again (who may manage the batch, its state, the days).
import { useRef, useState } from 'preact/hooks';
import { batchApi, type BatchDetail } from '../../shared/batch-protocol';
import { NOTICE_DAYS, type NoticeComments } from '../../shared/notice-protocol';
import { focusFirstInvalid, TextField } from '../../ui/fields';
import { postNotice, ReviewError } from '../api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { dateTimeOf } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { noticeView, readDays } from './notice-view';

/** The page's full address, to copy into a message (the batch's detail may name it by its path). */
const publicAddress = (url: string): string => new URL(url, location.origin).href;

interface Props {
  batch: BatchDetail;
  /** The notice was posted: the screen reloads the batch (its `notice` then names the public page). */
  onChanged: () => void | Promise<void>;
  /** Whether this user may manage the batch (mayManageBatch): only they post a notice. */
  manages?: boolean;
}

export function NoticePanel({ batch, onChanged, manages = true }: Props) {
  const view = noticeView(batch, new Date().toISOString());
  const [done, setDone] = useState<string>();
  const notice = view.kind === 'running' ? view.notice : view.ended;
  return (
    <section class="section review-actions" aria-labelledby="notice-title">
      <h2 id="notice-title">Lấy ý kiến nhân dân</h2>
      {done && <p class="notice notice--info" role="status">{done}</p>}
      {view.kind === 'running' && (
        <>
          <p>Đang lấy ý kiến nhân dân từ <strong>{dateTimeOf(view.notice.from)}</strong> đến <strong>{dateTimeOf(view.notice.until)}</strong>.</p>
          <p>Trang công khai (gửi địa chỉ này cho người dân): <a href={publicAddress(view.notice.publicUrl)} target="_blank" rel="noopener">{publicAddress(view.notice.publicUrl)}</a></p>
        </>
      )}
      {view.kind === 'idle' && view.ended && (
        <p>Đã lấy ý kiến nhân dân từ {dateTimeOf(view.ended.from)} đến {dateTimeOf(view.ended.until)}.</p>
      )}
      {view.kind === 'idle' && !view.mayPost && !view.ended && (
        <p class="hint">Chỉ lấy ý kiến nhân dân khi đợt đề nghị đã trình và chưa có quyết định.</p>
      )}
      {view.kind === 'idle' && view.mayPost && manages && (
        <PostForm batchId={batch.id} again={view.ended !== null} refresh={onChanged} onPosted={async (until) => {
          setDone(`Đã đăng lấy ý kiến nhân dân đến ${dateTimeOf(until)}.`);
          await onChanged();
        }} />
      )}
      {notice && <Comments batchId={batch.id} />}
    </section>
  );
}

interface PostFormProps {
  batchId: string;
  again: boolean;
  onPosted: (until: string) => Promise<void>;
  /** The batch changed meanwhile (409: submitted no more, or someone posted a notice): reload it. */
  refresh: () => void | Promise<void>;
}

function PostForm({ batchId, again, onPosted, refresh }: PostFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [days, setDays] = useState(String(NOTICE_DAYS.default));
  const [daysError, setDaysError] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(undefined);
    const read = readDays(days);
    setDaysError('error' in read ? read.error : undefined);
    if ('error' in read) { focusFirstInvalid(form.current); return; }
    setBusy(true);
    try {
      const notice = await postNotice(batchId, read.days);
      await onPosted(notice.until);
    } catch (e) {
      const issue = e instanceof ReviewError ? e.issues.find((i) => i.path === 'days') : undefined;
      if (issue) setDaysError(issue.message);
      else setError(e);
      if (e instanceof ReviewError && e.status === 409) await refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="review-transition" aria-label="Đăng lấy ý kiến nhân dân" noValidate onSubmit={(e) => void submit(e)}>
      <p class="hint">
        Trang công khai nêu tên, xã, tóm tắt thành tích và hình thức đề nghị của những người đã đồng ý đăng tin; những
        trường hợp khác chỉ nêu số lượng. Ai cũng gửi ý kiến được, không cần tài khoản.
      </p>
      <TextField id="notice-days" label={`Số ngày lấy ý kiến (${NOTICE_DAYS.min}–${NOTICE_DAYS.max})`} required inputMode="numeric" maxLength={2}
        class="field--narrow" value={days} error={daysError} onInput={setDays} />
      {!!error && <ErrorNotice error={error} />}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Đang đăng…' : again ? 'Lấy ý kiến nhân dân lần nữa' : 'Đăng lấy ý kiến nhân dân'}
        </button>
      </div>
    </form>
  );
}

function Comments({ batchId }: { batchId: string }) {
  const { data, error, loading, reload } = useRemote<NoticeComments>(batchApi.comments(batchId));
  return (
    <div aria-live="polite">
      <h3>Ý kiến đã nhận{data ? ` (${data.comments.length})` : ''}</h3>
      {error !== undefined && <ErrorNotice error={error} onRetry={() => void reload()} />}
      {data && data.comments.length === 0 && <p class="hint">Chưa có ý kiến nào.</p>}
      {data && data.comments.length > 0 && (
        <ol class="review-timeline">
          {data.comments.map((c) => (
            <li key={c.id}>
              <p class="review-timeline__title">{c.authorName ?? 'Không ghi tên'} · {dateTimeOf(c.createdAt)}</p>
              <p class="review-timeline__comment">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <button type="button" class="button button--small" disabled={loading} onClick={() => void reload()}>
        {loading ? 'Đang tải…' : 'Tải lại ý kiến'}
      </button>
    </div>
  );
}
