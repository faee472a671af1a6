// A case's fields as label/value rows in Vietnamese, for the read-only view and for comparing two versions.
import type { DraftFields } from '../shared/case-schema';
import { communeLabel, defaultLists, entryName, ethnicName, genderNames, subjectKindNames, type EditableLists } from '../shared/reference';
import { formatDmy } from '../shared/dates';
import type { CaseStatus, LocalCase } from '../db/database';

/** `lists`: the editable lists to name entries by (the reviewer's screens pass the server's current ones). */
export function fieldRows(f: Omit<DraftFields, 'photos'>, lists: EditableLists = defaultLists): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Đối tượng', f.subjectKind && subjectKindNames[f.subjectKind]],
    ['Năm sinh', f.birthYear?.toString()],
    ['Giới tính', f.gender && genderNames[f.gender]],
    ['Dân tộc', ethnicName(f.ethnicityCode)],
    ['Nhóm đối tượng', entryName(lists.subjectCategories, f.subjectCategoryId)],
    ['Địa bàn', [f.village, communeLabel(f.communeCode)].filter(Boolean).join(', ')],
    ['Nơi làm việc, chức vụ', f.workplaceOrRole],
    ['Phong trào', entryName(lists.movements, f.movementId)],
    ['Lĩnh vực', entryName(lists.fieldsOfLife, f.fieldOfLifeId)],
    ['Thời gian, địa điểm', [f.deedDate && formatDmy(f.deedDate), f.deedPlace].filter(Boolean).join(' — ')],
    ['Việc đã làm', f.deedDescription],
    ['Kết quả', f.result],
    ['Đề nghị', [entryName(lists.commendationForms, f.proposedFormId), entryName(lists.awardTypes, f.awardTypeId)].filter(Boolean).join(' — ')],
    ['Đồng ý thẩm định', f.consentAppraisal ? 'Có' : 'Chưa'],
    ['Đồng ý đăng báo, đài', f.consentPublication ? 'Có' : 'Không'],
    ['Người báo cáo', [f.reporterName, f.reporterPhone].filter(Boolean).join(' — ')],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}

export const statusLabel: Record<CaseStatus, string> = {
  draft: 'Nháp', queued: 'Chờ gửi', sent: 'Đã gửi', parked: 'Cần sửa', conflict: 'Cần chọn bản',
};

/** A sent case the board returned for more information needs the reporter: it shows as such. */
export const isReturned = (c: Pick<LocalCase, 'status' | 'serverStatus'>): boolean => c.status === 'sent' && c.serverStatus === 'returned';

export function badgeOf(c: Pick<LocalCase, 'status' | 'serverStatus'>): { label: string; tone: string } {
  return isReturned(c) ? { label: 'Cần bổ sung', tone: 'parked' } : { label: statusLabel[c.status], tone: c.status };
}
