// The one mapping from a case to the columns of every export (CSV, XLSX, the ZIP's list and each case's
// ho-so.txt): Vietnamese headers, names instead of ids (the editable lists as the administration has them now),
// dates as dd/mm/yyyy. This is the emulation board's internal file, so ethnicity and birth year are in it; the
// public bulletin never shows them.
import { formatDmy, vietnamDay } from '../../shared/dates';
import { communeLabel, entryName, ethnicName, genderNames, subjectKindNames, type EditableLists } from '../../shared/reference';
import { serverStatusNames } from '../../shared/sync-protocol';
import type { ExportCase } from './cases';

/** A number stays a number in XLSX; null is an empty cell. */
export type Cell = string | number | null;

export interface Column {
  header: string;
  /** XLSX column width, in characters. */
  width: number;
  value(c: ExportCase, lists: EditableLists): Cell;
}

const day = (iso: string | null | undefined): string => (iso ? formatDmy(iso) : '');

export const COLUMNS: readonly Column[] = [
  { header: 'Mã hồ sơ', width: 38, value: (c) => c.id },
  { header: 'Trạng thái', width: 20, value: (c) => serverStatusNames[c.status] },
  { header: 'Xã/phường', width: 20, value: (c) => communeLabel(c.communeCode) },
  { header: 'Họ tên/Tên tập thể', width: 28, value: (c) => c.fields.subjectName },
  { header: 'Loại đối tượng', width: 14, value: (c) => subjectKindNames[c.fields.subjectKind] },
  { header: 'Nhóm đối tượng', width: 26, value: (c, l) => entryName(l.subjectCategories, c.fields.subjectCategoryId) },
  { header: 'Dân tộc', width: 12, value: (c) => ethnicName(c.fields.ethnicityCode) },
  { header: 'Năm sinh', width: 10, value: (c) => c.fields.birthYear ?? null },
  { header: 'Giới tính', width: 10, value: (c) => (c.fields.gender ? genderNames[c.fields.gender] : '') },
  { header: 'Thôn/bản', width: 20, value: (c) => c.fields.village },
  { header: 'Nơi công tác/chức vụ', width: 24, value: (c) => c.fields.workplaceOrRole ?? '' },
  { header: 'Phong trào', width: 30, value: (c, l) => entryName(l.movements, c.fields.movementId) },
  { header: 'Lĩnh vực', width: 22, value: (c, l) => entryName(l.fieldsOfLife, c.fields.fieldOfLifeId) },
  { header: 'Ngày việc tốt (dd/mm/yyyy)', width: 14, value: (c) => day(c.fields.deedDate) },
  { header: 'Nơi', width: 24, value: (c) => c.fields.deedPlace },
  { header: 'Việc tốt', width: 60, value: (c) => c.fields.deedDescription },
  { header: 'Kết quả', width: 40, value: (c) => c.fields.result },
  { header: 'Hình thức người báo cáo đề nghị', width: 30, value: (c, l) => entryName(l.commendationForms, c.fields.proposedFormId) },
  { header: 'Loại hình khen thưởng', width: 20, value: (c, l) => entryName(l.awardTypes, c.fields.awardTypeId) },
  { header: 'Hình thức đề nghị/khen thưởng', width: 30, value: (c, l) => entryName(l.commendationForms, c.formId ?? undefined) },
  { header: 'Số quyết định', width: 16, value: (c) => c.decisionNumber ?? '' },
  { header: 'Ngày quyết định', width: 14, value: (c) => day(c.decisionDate) },
  { header: 'Số ảnh', width: 8, value: (c) => c.fields.photos.length },
  { header: 'Đồng ý đăng tin', width: 10, value: (c) => (c.fields.consentPublication ? 'Có' : 'Không') },
  { header: 'Người báo cáo', width: 22, value: (c) => c.fields.reporterName },
  { header: 'Điện thoại người báo cáo', width: 16, value: (c) => c.fields.reporterPhone ?? '' },
  { header: 'Ngày nhận', width: 12, value: (c) => formatDmy(vietnamDay(c.createdAt)) },
  { header: 'Phiên bản', width: 9, value: (c) => c.revision },
];

export const HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

export const cellsOf = (c: ExportCase, lists: EditableLists): Cell[] => COLUMNS.map((col) => col.value(c, lists));
