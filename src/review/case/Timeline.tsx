// The case's audit log as the reviewer reads it: who did what, when, from which status to which, and why.
import type { TimelineEntry } from '../../shared/review-protocol';
import { serverStatusNames } from '../../shared/sync-protocol';
import { dateTimeOf, decisionText, formName } from '../ui/format';
import { useLists } from '../ui/lists';

function title(e: TimelineEntry): string {
  if (e.kind === 'received') return `Nhận hồ sơ (phiên bản ${e.revision})`;
  if (e.kind === 'revised') return `Nhận bản bổ sung (phiên bản ${e.revision})`;
  if (e.kind === 'comment') return 'Ý kiến';
  return e.from ? `${serverStatusNames[e.from]} → ${serverStatusNames[e.to]}` : serverStatusNames[e.to];
}

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const lists = useLists();
  return (
    <section class="section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Diễn biến</h2>
      {entries.length === 0 ? <p class="hint">Chưa có sự kiện nào.</p> : (
        <ol class="review-timeline">
          {entries.map((e) => (
            <li key={e.seq}>
              <p class="review-timeline__title">{title(e)}</p>
              <p class="hint">
                <time dateTime={e.at}>{dateTimeOf(e.at)}</time>{e.actor && ` — ${e.actor}`}
              </p>
              {(e.formId || e.decisionNumber) && (
                <p>{[formName(lists, e.formId), decisionText(e.decisionNumber, e.decisionDate)].filter(Boolean).join(' — ')}</p>
              )}
              {e.comment && <blockquote class="review-timeline__comment">{e.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
