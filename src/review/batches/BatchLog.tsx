// The batch's audit log (every change is an event on the server): what was done, when, by whom, and the reason of
// a withdrawal. Kinds this screen does not know yet (a later feature's) still show, under a plain name.
import type { BatchEvent } from '../../shared/batch-protocol';
import { dateTimeOf } from '../ui/format';

const eventNames: Record<string, string> = {
  'created': 'Lập đợt đề nghị',
  'edited': 'Sửa phần đầu văn bản',
  'cases-added': 'Thêm hồ sơ vào đợt',
  'case-removed': 'Bỏ một hồ sơ khỏi đợt',
  'council': 'Ghi kết quả họp Hội đồng',
  'submitted': 'Trình',
  'withdrawn': 'Rút đợt đề nghị',
  'decided': 'Ghi nhận quyết định khen thưởng',
  'notice': 'Lấy ý kiến nhân dân',
  'case-erased': 'Một hồ sơ rời đợt (đã xoá theo yêu cầu của người được nêu tên)',
};

function note(e: BatchEvent): string | undefined {
  const detail = (e.detail ?? {}) as { reason?: unknown; number?: unknown; caseIds?: unknown; days?: unknown };
  if (e.kind === 'withdrawn' && typeof detail.reason === 'string') return `Lý do: ${detail.reason}`;
  if (e.kind === 'decided' && typeof detail.number === 'string') return `Quyết định số ${detail.number}`;
  if (e.kind === 'notice' && typeof detail.days === 'number') return `${detail.days} ngày`;
  if (Array.isArray(detail.caseIds)) return `${detail.caseIds.length} hồ sơ`;
  return undefined;
}

export function BatchLog({ events }: { events: readonly BatchEvent[] }) {
  return (
    <section class="section" aria-labelledby="batch-log-title">
      <h2 id="batch-log-title">Nhật ký đợt đề nghị</h2>
      {events.length === 0 ? <p class="hint">Chưa có sự kiện nào.</p> : (
        <ol class="review-timeline">
          {events.map((e, i) => {
            const text = note(e);
            return (
              <li key={i}>
                <p class="review-timeline__title">{eventNames[e.kind] ?? 'Thay đổi khác'}</p>
                <p class="hint"><time dateTime={e.at}>{dateTimeOf(e.at)}</time>{e.actorName && ` — ${e.actorName}`}</p>
                {text && <p>{text}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
