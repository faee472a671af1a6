// valibot schemas of the public notice's requests (notice-protocol.ts has the limits): the server validates with
// them; their messages are what the board and citizens read.
import * as v from 'valibot';
import { NOTICE_COMMENT, NOTICE_DAYS } from './notice-protocol';

const DAYS_MESSAGE = `Số ngày lấy ý kiến là một số nguyên từ ${NOTICE_DAYS.min} đến ${NOTICE_DAYS.max}`;

export const NoticeRequestSchema = v.strictObject({
  days: v.pipe(v.number(DAYS_MESSAGE), v.integer(DAYS_MESSAGE), v.minValue(NOTICE_DAYS.min, DAYS_MESSAGE), v.maxValue(NOTICE_DAYS.max, DAYS_MESSAGE)),
});

/** PostgreSQL text cannot hold a NUL character. */
const noNul = v.check((s: string) => !s.includes('\0'), 'Có ký tự không hợp lệ');

/** The public comment form, after trimming; an empty name means none. */
export const NoticeCommentSchema = v.object({
  name: v.pipe(v.string(), noNul, v.trim(), v.maxLength(NOTICE_COMMENT.nameMax, `Họ tên tối đa ${NOTICE_COMMENT.nameMax} ký tự`)),
  body: v.pipe(
    v.string(), noNul, v.trim(),
    v.minLength(NOTICE_COMMENT.min, `Ý kiến cần ít nhất ${NOTICE_COMMENT.min} ký tự`),
    v.maxLength(NOTICE_COMMENT.max, `Ý kiến tối đa ${NOTICE_COMMENT.max} ký tự`),
  ),
});
export type NoticeCommentInput = v.InferOutput<typeof NoticeCommentSchema>;
