// The rows of the reviewer's list. On a narrow screen each row becomes a card (review.css), the cells keeping
// their column name (data-label) so nothing depends on the header being visible. With a `selection`, proposed
// rows the reviewer may gather into a proposal batch get a checkbox (and the header one for the page's rows).
import { useEffect, useRef } from 'preact/hooks';
import type { ReviewListItem } from '../../shared/review-protocol';
import { communeLabel, entryName } from '../../shared/reference';
import { reviewPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { commendationText, dayOf } from '../ui/format';
import { StatusBadge } from '../ui/StatusBadge';
import { useLists } from '../ui/lists';

export interface RowSelection {
  selectable: (row: ReviewListItem) => boolean;
  chosen: ReadonlySet<string>;
  onToggle: (ids: readonly string[], checked: boolean) => void;
}

function HeaderBox({ ids, selection }: { ids: readonly string[]; selection: RowSelection }) {
  const box = useRef<HTMLInputElement>(null);
  const chosen = ids.filter((id) => selection.chosen.has(id)).length;
  useEffect(() => { if (box.current) box.current.indeterminate = chosen > 0 && chosen < ids.length; }, [chosen, ids.length]);
  return (
    <input ref={box} type="checkbox" disabled={ids.length === 0} checked={ids.length > 0 && chosen === ids.length}
      aria-label="Chọn mọi hồ sơ đề nghị đang hiện"
      onChange={(e) => selection.onToggle(ids, (e.currentTarget as HTMLInputElement).checked)} />
  );
}

export function CaseTable({ rows, selection }: { rows: readonly ReviewListItem[]; selection?: RowSelection | undefined }) {
  const lists = useLists();
  const selectableIds = selection ? rows.filter(selection.selectable).map((r) => r.id) : [];
  return (
    <table class="review-table">
      <caption class="visually-hidden">Danh sách hồ sơ, mới nhận trước</caption>
      <thead>
        <tr>
          {selection && <th scope="col" class="review-table__pick"><HeaderBox ids={selectableIds} selection={selection} /></th>}
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
            {selection && (
              <td data-label="Chọn" class="review-table__pick">
                {selection.selectable(row) && (
                  <input type="checkbox" checked={selection.chosen.has(row.id)} aria-label={`Chọn ${row.subjectName}`}
                    onChange={(e) => selection.onToggle([row.id], (e.currentTarget as HTMLInputElement).checked)} />
                )}
              </td>
            )}
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
