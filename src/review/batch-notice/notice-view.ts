// What the notice panel shows for a batch at a moment, and the days field read as the server will check it.
import type { BatchDetail } from '../../shared/batch-protocol';
import { isNoticeDays, NOTICE_DAYS_MESSAGE, noticeRunning } from '../../shared/notice-protocol';

export type NoticeView =
  | { kind: 'running'; notice: NonNullable<BatchDetail['notice']> }
  /** `ended`: the last notice, if one ran; `mayPost`: the batch is submitted, so a (new) notice may start. */
  | { kind: 'idle'; ended: NonNullable<BatchDetail['notice']> | null; mayPost: boolean };

export function noticeView(batch: Pick<BatchDetail, 'status' | 'notice'>, now: string): NoticeView {
  if (batch.notice && batch.status === 'submitted' && noticeRunning(batch.notice, now)) return { kind: 'running', notice: batch.notice };
  return { kind: 'idle', ended: batch.notice, mayPost: batch.status === 'submitted' };
}

/** The typed number of days, or the message to show beside the field. */
export function readDays(text: string): { days: number } | { error: string } {
  const trimmed = text.trim();
  const days = /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : NaN;
  return isNoticeDays(days) ? { days } : { error: NOTICE_DAYS_MESSAGE };
}
