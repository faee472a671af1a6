// The rows of the reviewer's list. On a narrow screen each row becomes a card (review.css), the cells keeping
// their column name (data-label) so nothing depends on the header being visible.
import type { ReviewListItem } from '../../shared/review-protocol';
import { communeLabel, entryName } from '../../shared/reference';
import { reviewPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { commendationText, dayOf } from '../ui/format';
import { StatusBadge } from '../ui/StatusBadge';
import { useLists } from '../ui/lists';

export function CaseTable({ rows }: { rows: readonly ReviewListItem[] }) {
  const lists = useLists();
  return (
    <table class="review-table">
      <caption class="visually-hidden">Danh sách hồ sơ, mới nhận trước</caption>
      <thead>
        <tr>
          <th scope="col">Ngày nhận</th>
          <th scope="col">Người, tập thể được báo cáo</th>
          <th scope="col">Xã, phường</th>
          <th scope="col">Phong trào</th>
          <th scope="col">Trạng thái</th>
          <th scope="col">Khen thưởng</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td data-label="Ngày nhận">{dayOf(row.createdAt)}</td>
            <td data-label="Được báo cáo" class="review-table__name">
              <a href={reviewPaths.case(row.id)} onClick={onLinkClick}>{row.subjectName}</a>
            </td>
            <td data-label="Xã, phường">{communeLabel(row.communeCode)}</td>
            <td data-label="Phong trào">{entryName(lists.movements, row.movementId)}</td>
            <td data-label="Trạng thái"><StatusBadge status={row.status} /></td>
            <td data-label="Khen thưởng">{commendationText(lists, row) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
