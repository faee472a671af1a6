// A finished case, read-only: waiting in the outbox, sent (with its receipt), refused, or in conflict.
import type { LocalCase } from '../../db/database';
import { formatDateTime } from '../../shared/dates';
import { badgeOf, fieldRows, isReturned } from '../../ui/case-rows';
import { CaseSyncState, QueuedProblem } from './CaseSyncState';
import { formatBytes } from '../../shared/format';
import { caseBytes } from '../../db/cases';
import { useBlobUrl } from '../hooks/useBlobUrl';
import { useReferenceLists } from '../lists/useReferenceLists';
import type { PhotoRef } from '../../shared/case-schema';

export function CaseSummary({ record, onReopen }: { record: LocalCase; onReopen: () => void }) {
  const f = record.fields;
  const rows = fieldRows(f, useReferenceLists());
  return (
    <main id="main" class="screen">
      <h1>{f.subjectName}</h1>
      <p class={`badge badge--${badgeOf(record).tone}`}>{badgeOf(record).label}</p>
      <p class="hint">Hoàn tất lúc {formatDateTime(record.finalisedAt ?? record.updatedAt)}.</p>
      <CaseSyncState record={record} />
      <dl class="summary">
        {rows.map(([label, value]) => [<dt key={`t-${label}`}>{label}</dt>, <dd key={`d-${label}`}>{value}</dd>])}
      </dl>
      <h2>Ảnh ({f.photos.length}) · {formatBytes(caseBytes(record))}</h2>
      <ul class="photo-grid">{f.photos.map((p, i) => <SummaryPhoto key={p.sha256} photo={p} index={i} />)}</ul>
      {(record.status === 'queued' || record.status === 'parked' || isReturned(record)) && (
        <div class="form-actions">
          <button type="button" class={`button ${isReturned(record) ? 'button--primary' : 'button--secondary'}`} onClick={onReopen}>
            {isReturned(record) ? 'Bổ sung và gửi lại' : 'Sửa lại'}
          </button>
        </div>
      )}
      <QueuedProblem record={record} />
    </main>
  );
}

function SummaryPhoto({ photo, index }: { photo: PhotoRef; index: number }) {
  const url = useBlobUrl(photo.thumbSha256);
  return (
    <li class="photo-card">
      {url && <img src={url} alt={photo.caption || `Ảnh ${index + 1}`} width={160} height={Math.round((160 * photo.height) / photo.width)} />}
      {photo.caption && <p>{photo.caption}</p>}
    </li>
  );
}
