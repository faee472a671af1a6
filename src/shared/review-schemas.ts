// valibot schemas of the review workspace's queries: the server validates with them, the table takes its filters'
// names from them.
import * as v from 'valibot';
import { isIsoDay } from './dates';
import { SUBJECT_KINDS, isCommuneCode } from './reference';
import { isCaseId, SERVER_STATUSES } from './sync-protocol';
import { ERASURE_REASON_MAX, REVIEW_PAGE_MAX, type ErasureRequest } from './review-protocol';
import { LIST_ID } from './reference-protocol';

/** A real day as yyyy-mm-dd; `message` for anything else. */
export const isoDay = (message: string) => v.pipe(v.string(message), v.check(isIsoDay, message));

const one = <T extends v.GenericSchema>(schema: T) => v.optional(schema);

/** The list's filters: the table keeps them in its page's query string, an export takes exactly these. */
const filterEntries = {
  status: one(v.picklist(SERVER_STATUSES, 'Trạng thái không hợp lệ')),
  commune: one(v.pipe(v.string(), v.check(isCommuneCode, 'Mã xã không hợp lệ'))),
  movement: one(v.pipe(v.string(), v.regex(LIST_ID, 'Mã phong trào không hợp lệ'))),
  fieldOfLife: one(v.pipe(v.string(), v.regex(LIST_ID, 'Mã lĩnh vực không hợp lệ'))),
  category: one(v.pipe(v.string(), v.regex(LIST_ID, 'Mã nhóm đối tượng không hợp lệ'))),
  kind: one(v.picklist(SUBJECT_KINDS, 'Loại đối tượng không hợp lệ')),
  from: one(isoDay('Ngày bắt đầu cần dạng yyyy-mm-dd')),
  to: one(isoDay('Ngày kết thúc cần dạng yyyy-mm-dd')),
  q: one(v.pipe(v.string(), v.maxLength(200, 'Từ khóa tối đa 200 ký tự'))),
};
export type FilterKey = keyof typeof filterEntries;
/** The filters' names, in the order a query string lists them. */
export const FILTER_KEYS = Object.keys(filterEntries) as FilterKey[];

/** GET /api/review/cases query parameters (all optional strings): the filters, and the page. */
export const ReviewQuerySchema = v.strictObject({
  ...filterEntries,
  cursor: one(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'Con trỏ trang không hợp lệ'))),
  limit: one(v.pipe(
    v.string(), v.regex(/^[1-9]\d{0,3}$/, 'Số dòng mỗi trang không hợp lệ'), v.transform(Number),
    v.maxValue(REVIEW_PAGE_MAX, `Tối đa ${REVIEW_PAGE_MAX} dòng mỗi trang`),
  )),
});
export type ReviewQuery = v.InferOutput<typeof ReviewQuerySchema>;

/** GET /api/review/export.{csv,xlsx,zip}: the filters without paging (a file holds every matching case). */
export const ExportQuerySchema = v.strictObject(filterEntries, 'Tham số này không dùng khi xuất tệp (tệp gồm mọi hồ sơ khớp bộ lọc)');
export type ExportQuery = v.InferOutput<typeof ExportQuerySchema>;

/** POST /api/review/cases/{id}/erasure: the case named again (the path's id, checked by the server), and the reason. */
export const ErasureSchema = v.strictObject({
  caseId: v.pipe(v.string('Cần mã hồ sơ'), v.check(isCaseId, 'Mã hồ sơ không hợp lệ')),
  reason: v.pipe(
    v.string('Cần ghi lý do xoá'), v.trim(),
    v.minLength(1, 'Cần ghi lý do xoá (số và ngày của đơn yêu cầu)'),
    v.maxLength(ERASURE_REASON_MAX, `Lý do tối đa ${ERASURE_REASON_MAX} ký tự`),
  ),
}) satisfies v.GenericSchema<unknown, ErasureRequest>;
