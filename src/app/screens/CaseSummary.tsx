// A finalised case, read-only while it waits in the outbox.
import type { LocalCase } from '../../db/database';
import { communeLabel, defaultLists, entryName, ethnicName, genderNames, subjectKindNames } from '../../shared/reference';
import { formatDateTime, formatDmy } from '../../shared/dates';
import { formatBytes } from '../../shared/format';
import { caseBytes } from '../../db/cases';
import { useBlobUrl } from '../hooks/useBlobUrl';
import type { PhotoRef } from '../../shared/case-schema';

export function CaseSummary({ record, onReopen }: { record: LocalCase; onReopen: () => void }) {
  const f = record.fields;
  const rows: Array<[string, string | undefined]> = [
    ['Đối tượng', f.subjectKind && subjectKindNames[f.subjectKind]],
    ['Năm sinh', f.birthYear?.toString()],
    ['Giới tính', f.gender && genderNames[f.gender]],
    ['Dân tộc', ethnicName(f.ethnicityCode)],
    ['Nhóm đối tượng', entryName(defaultLists.subjectCategories, f.subjectCategoryId)],
    ['Địa bàn', [f.village, communeLabel(f.communeCode)].filter(Boolean).join(', ')],
    ['Nơi làm việc, chức vụ', f.workplaceOrRole],
    ['Phong trào', entryName(defaultLists.movements, f.movementId)],
    ['Lĩnh vực', entryName(defaultLists.fieldsOfLife, f.fieldOfLifeId)],
    ['Thời gian, địa điểm', [f.deedDate && formatDmy(f.deedDate), f.deedPlace].filter(Boolean).join(' — ')],
    ['Việc đã làm', f.deedDescription],
    ['Kết quả', f.result],
    ['Đề nghị', [entryName(defaultLists.commendationForms, f.proposedFormId), entryName(defaultLists.awardTypes, f.awardTypeId)].filter(Boolean).join(' — ')],
    ['Đồng ý thẩm định', f.consentAppraisal ? 'Có' : 'Chưa'],
    ['Đồng ý đăng báo, đài', f.consentPublication ? 'Có' : 'Không'],
    ['Người báo cáo', [f.reporterName, f.reporterPhone].filter(Boolean).join(' — ')],
  ];
  return (
    <main id="main" class="screen">
      <h1>{f.subjectName}</h1>
      <p class="badge badge--queued">Chờ gửi</p>
      <p class="hint">Hoàn tất lúc {formatDateTime(record.finalisedAt ?? record.updatedAt)}. Hồ sơ đã lưu trên máy và sẽ được gửi khi có mạng.</p>
      <dl class="summary">
        {rows.filter(([, value]) => value).map(([label, value]) => [<dt key={`t-${label}`}>{label}</dt>, <dd key={`d-${label}`}>{value}</dd>])}
      </dl>
      <h2>Ảnh ({f.photos.length}) · {formatBytes(caseBytes(record))}</h2>
      <ul class="photo-grid">{f.photos.map((p, i) => <SummaryPhoto key={p.sha256} photo={p} index={i} />)}</ul>
      <div class="form-actions">
        <button type="button" class="button button--secondary" onClick={onReopen}>Sửa lại</button>
      </div>
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
