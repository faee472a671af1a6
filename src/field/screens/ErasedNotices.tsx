// Cases the server erased at the data subject's request: the phone removed its copy (db/erasure.ts) and says so
// here, in the list and where the case used to open, until the reporter dismisses the notice.
import { appDb, type ErasedCase } from '../../db/database';
import { dismissTombstone, getTombstone, listTombstones } from '../../db/erasure';
import { formatDmy, vietnamDay } from '../../shared/dates';
import { shortCaseId } from '../../shared/ids';
import { announce } from '../../ui/notices';
import { fieldPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { useLiveQuery } from '../hooks/useLiveQuery';

const ERASED = 'Hồ sơ đã được xoá theo yêu cầu của người được nêu tên';

function erasedText(t: ErasedCase): string {
  return `${ERASED} (mã hồ sơ …${shortCaseId(t.caseId)}, ngày ${formatDmy(vietnamDay(t.erasedAt))}).`;
}

function dismiss(caseId: string): void {
  dismissTombstone(appDb(), caseId).catch((e: unknown) => announce(e instanceof Error ? e.message : String(e), 'error'));
}

export function ErasedNotices({ ownerId }: { ownerId: string | undefined }) {
  const tombstones = useLiveQuery(() => listTombstones(appDb(), ownerId), [ownerId]) ?? [];
  if (tombstones.length === 0) return null;
  return (
    <ul class="erased-notices" aria-label="Hồ sơ đã xoá theo yêu cầu">
      {tombstones.map((t) => (
        <li key={t.caseId} class="notice notice--warn erased-notice">
          <p>{erasedText(t)} Trên máy này không còn dữ liệu, ảnh hay ghi chú nào của hồ sơ.</p>
          <button type="button" class="button button--small" onClick={() => dismiss(t.caseId)}>Đã hiểu, ẩn thông báo</button>
        </li>
      ))}
    </ul>
  );
}

/** A case that is not on the phone: erased at the subject's request (its tombstone says when), or gone otherwise. */
export function MissingCase({ id }: { id: string }) {
  const tombstone = useLiveQuery(async () => (await getTombstone(appDb(), id)) ?? null, [id]);
  return (
    <main id="main" class="screen">
      <h1>Không tìm thấy hồ sơ</h1>
      {tombstone === undefined ? <p>Đang mở hồ sơ…</p>
        : tombstone ? <p class="notice notice--warn" role="status">{erasedText(tombstone)}</p>
        : <p>Hồ sơ này không có trên máy. Có thể nó đã bị xoá.</p>}
      <a class="button" href={fieldPaths.list} onClick={onLinkClick}>Về danh sách</a>
    </main>
  );
}
