// The public notice of a submitted batch (Chỉ thị 02/CT-UBND §5, "dân chủ, công khai"): the board posts the batch
// for a number of days; anyone may read its public page (shared/batch-protocol.ts publicNoticePaths) and send a
// comment without an account; the batch's managers read the comments. Limits both sides check, and the answers.
// (No valibot here: the review panel imports these; notice-schemas.ts has the server's schemas.)

/** POST batchApi.notice(id): how many days the notice runs from now. */
export const NOTICE_DAYS = { min: 1, max: 30, default: 7 } as const;
export interface NoticeRequest { days: number }
export const NOTICE_DAYS_MESSAGE = `Số ngày lấy ý kiến là một số nguyên từ ${NOTICE_DAYS.min} đến ${NOTICE_DAYS.max}`;
export const isNoticeDays = (n: number): boolean => Number.isInteger(n) && n >= NOTICE_DAYS.min && n <= NOTICE_DAYS.max;

/** A citizen's comment: the text (trimmed) and an optional name. */
export const NOTICE_COMMENT = { min: 10, max: 2000, nameMax: 100 } as const;

/** The public form's field names (an ordinary HTML form, application/x-www-form-urlencoded). */
export const NOTICE_FORM_FIELDS = { name: 'ten', body: 'y-kien' } as const;

/** A comment as the batch's managers see it (GET batchApi.comments(id)), newest first. */
export interface NoticeComment {
  id: string;
  authorName: string | null;
  body: string;
  createdAt: string;   // ISO time
}
export interface NoticeComments { comments: NoticeComment[] }

/** Is a notice running at `now` (an ISO time)? From its start, up to but not including its end. */
export const noticeRunning = (notice: { from: string; until: string } | null, now: string): boolean =>
  notice !== null && notice.from <= now && now < notice.until;
