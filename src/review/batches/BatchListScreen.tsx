// /tham-dinh/dot-de-nghi — the proposal batches of the reviewer's area, newest first: state, number and symbol,
// date, the authority they go to, how many cases. A batch is made from the case table ("Lập đợt đề nghị").
import { batchApi, authorityNames, batchStatusNames, type BatchSummary } from '../../shared/batch-protocol';
import { formatDmy } from '../../shared/dates';
import { areaLabel } from '../../shared/reference';
import type { SessionUser } from '../../shared/sync-protocol';
import { reviewPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { dayOf } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { tablePath } from '../table/query';

export function BatchListScreen({ user }: { user: SessionUser }) {
  const remote = useRemote<BatchSummary[]>(batchApi.list());
  const batches = remote.data;
  return (
    <main id="main" class="screen review-screen">
      <h1>Đợt đề nghị khen thưởng</h1>
      <p class="hint">
        Địa bàn: {areaLabel(user.area)}. Lập đợt mới từ <a href={tablePath()} onClick={onLinkClick}>danh sách hồ sơ</a>:
        chọn các hồ sơ “Đề nghị khen thưởng” rồi bấm “Lập đợt đề nghị”.
      </p>
      {!batches && !remote.error && <p class="loading" role="status">Đang tải các đợt đề nghị…</p>}
      {!!remote.error && <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />}
      {batches?.length === 0 && <p class="empty">Chưa có đợt đề nghị nào.</p>}
      {!!batches?.length && (
        <table class="review-table">
          <caption class="visually-hidden">Các đợt đề nghị, mới lập trước</caption>
          <thead>
            <tr>
              <th scope="col">Số, ký hiệu</th>
              <th scope="col">Ngày</th>
              <th scope="col">Gửi</th>
              <th scope="col">Số hồ sơ</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Lập lúc</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td data-label="Số, ký hiệu" class="review-table__name">
                  <a href={reviewPaths.batch(b.id)} onClick={onLinkClick}>{`${b.number || '…'}/${b.symbol}`}</a>
                </td>
                <td data-label="Ngày">{b.date ? formatDmy(b.date) : '—'}</td>
                <td data-label="Gửi">{authorityNames[b.authority]}{b.authority === 'commune' ? ` (${areaLabel(b.area)})` : ''}</td>
                <td data-label="Số hồ sơ">{b.caseCount}</td>
                <td data-label="Trạng thái"><span class={`badge badge--batch-${b.status}`}>{batchStatusNames[b.status]}</span></td>
                <td data-label="Lập lúc">{dayOf(b.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
