// valibot schemas of the review workspace's requests (the server validates with them; the UI may too).
import * as v from 'valibot';
import { isIsoDay } from './dates';
import { SUBJECT_KINDS, isCommuneCode } from './reference';
import { SERVER_STATUSES } from './sync-protocol';
import { REVIEW_PAGE_MAX } from './review-protocol';

const LIST_ID = /^[a-z0-9_-]{1,64}$/;

const isoDay = (message: string) => v.pipe(v.string(message), v.check(isIsoDay, message));

const one = <T extends v.GenericSchema>(schema: T) => v.optional(schema);

/** GET /api/review/cases query parameters (all optional strings). */
export const ReviewQuerySchema = v.strictObject({
  status: one(v.picklist(SERVER_STATUSES, 'Trạng thái không hợp lệ')),
  commune: one(v.pipe(v.string(), v.check(isCommuneCode, 'Mã xã không hợp lệ'))),
  movement: one(v.pipe(v.string(), v.regex(LIST_ID, 'Mã phong trào không hợp lệ'))),
  fieldOfLife: one(v.pipe(v.string(), v.regex(LIST_ID, 'Mã lĩnh vực không hợp lệ'))),
  category: one(v.pipe(v.string(), v.regex(LIST_ID, 'Mã nhóm đối tượng không hợp lệ'))),
  kind: one(v.picklist(SUBJECT_KINDS, 'Loại đối tượng không hợp lệ')),
  from: one(isoDay('Ngày bắt đầu cần dạng yyyy-mm-dd')),
  to: one(isoDay('Ngày kết thúc cần dạng yyyy-mm-dd')),
  q: one(v.pipe(v.string(), v.maxLength(200, 'Từ khóa tối đa 200 ký tự'))),
  cursor: one(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'Con trỏ trang không hợp lệ'))),
  limit: one(v.pipe(
    v.string(), v.regex(/^[1-9]\d{0,3}$/, 'Số dòng mỗi trang không hợp lệ'), v.transform(Number),
    v.maxValue(REVIEW_PAGE_MAX, `Tối đa ${REVIEW_PAGE_MAX} dòng mỗi trang`),
  )),
});
export type ReviewQuery = v.InferOutput<typeof ReviewQuerySchema>;
