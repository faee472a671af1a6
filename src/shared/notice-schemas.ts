// valibot schemas of the public notice's requests (notice-protocol.ts has the limits): the server validates with
// them; their messages are what the board and citizens read.
import * as v from 'valibot';
import { isNoticeDays, NOTICE_COMMENT, NOTICE_DAYS_MESSAGE } from './notice-protocol';

export const NoticeRequestSchema = v.strictObject({
  days: v.pipe(v.number(NOTICE_DAYS_MESSAGE), v.check(isNoticeDays, NOTICE_DAYS_MESSAGE)),
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
