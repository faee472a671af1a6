// Every revision the reporter sent; an older one opens beside the list with the rows that differ from the
// current revision marked (in words, not only in colour).
import { useState } from 'preact/hooks';
import type { CaseFields } from '../../shared/case-schema';
import type { EditableLists } from '../../shared/reference';
import { reviewApi, type ReviewRevision, type ReviewRevisionFields } from '../../shared/review-protocol';
import { fieldRows } from '../../ui/case-rows';
import { ErrorNotice } from '../ui/ErrorNotice';
import { dateTimeOf } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { useLists } from '../ui/lists';

const rowsOf = (f: CaseFields, lists: EditableLists): Array<[string, string]> => [...fieldRows(f, lists), ['Số ảnh', String(f.photos.length)]];

function RevisionView({ caseId, revision, current }: { caseId: string; revision: number; current: CaseFields }) {
  const remote = useRemote<ReviewRevisionFields>(reviewApi.revision(caseId, revision));
  const lists = useLists();
  if (remote.error) return <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />;
  if (!remote.data) return <p class="loading" role="status">Đang tải phiên bản {revision}…</p>;
  const now = new Map(rowsOf(current, lists));
  const rows = rowsOf(remote.data.fields, lists);
  return (
    <section class="review-revision" aria-labelledby="revision-title">
      <h3 id="revision-title">Nội dung phiên bản {revision}</h3>
      <dl class="summary">
        {rows.map(([label, value]) => {
          const changed = now.get(label) !== value;
          return [
            <dt key={`t-${label}`} class={changed ? 'changed' : undefined}>
              {label}{changed && <span class="review-changed"> (khác bản hiện tại)</span>}
            </dt>,
            <dd key={`d-${label}`} class={changed ? 'changed' : undefined}>{value}</dd>,
          ];
        })}
      </dl>
    </section>
  );
}

interface Props { caseId: string; revisions: readonly ReviewRevision[]; current: number; fields: CaseFields }

export function Revisions({ caseId, revisions, current, fields }: Props) {
  const [viewing, setViewing] = useState<number>();
  return (
    <section class="section" aria-labelledby="revisions-title">
      <h2 id="revisions-title">Các phiên bản ({revisions.length})</h2>
      <ol class="review-revisions">
        {revisions.map((r) => (
          <li key={r.revision}>
            <span>Phiên bản {r.revision} — {dateTimeOf(r.at)}{r.author ? ` — ${r.author}` : ''}</span>
            {r.revision === current
              ? <span class="hint"> (bản đang hiển thị)</span>
              : (
                <button type="button" class="button button--small" aria-expanded={viewing === r.revision}
                  onClick={() => setViewing(viewing === r.revision ? undefined : r.revision)}>
                  {viewing === r.revision ? 'Ẩn' : 'Xem'} phiên bản {r.revision}
                </button>
              )}
          </li>
        ))}
      </ol>
      {viewing !== undefined && <RevisionView key={viewing} caseId={caseId} revision={viewing} current={fields} />}
    </section>
  );
}
