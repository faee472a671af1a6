// GET /api/review/dashboard query: from and to (yyyy-mm-dd, Vietnam's days, both included), commune (optional).
import * as v from 'valibot';
import { periodProblem } from '../../shared/dashboard-protocol';
import { isIsoDay } from '../../shared/dates';
import { isCommuneCode } from '../../shared/reference';

const EARLIEST = '2000-01-01';

const MISSING: Record<string, string> = { from: 'Chọn ngày bắt đầu của kỳ báo cáo', to: 'Chọn ngày kết thúc của kỳ báo cáo' };

/** The object reports a missing key itself (not the key's schema): say which date is missing. */
function objectMessage(issue: v.BaseIssue<unknown>): string {
  const key = String(issue.path?.at(-1)?.key ?? '');
  if (issue.expected === 'never') return 'Trường này không được phép';
  return (issue.input === undefined && MISSING[key]) || 'Cần các tham số from, to (và commune nếu có)';
}

const day = () => v.pipe(
  v.string('Ngày cần dạng yyyy-mm-dd'),
  v.check(isIsoDay, 'Ngày cần dạng yyyy-mm-dd và là một ngày có thật'),
  v.check((d) => d >= EARLIEST, 'Kỳ báo cáo chỉ tính từ năm 2000'),
);

const PERIOD = {
  from: day(),
  to: day(),
  commune: v.optional(v.pipe(v.string(), v.check(isCommuneCode, 'Mã xã không hợp lệ'))),
};

const periodOk = (q: { from: string; to: string }) => !periodProblem(q.from, q.to);
const periodMessage = (issue: { input: { from: string; to: string } }) => periodProblem(issue.input.from, issue.input.to) ?? '';

export const DashboardQuerySchema = v.pipe(
  v.strictObject(PERIOD, objectMessage),
  v.forward(v.partialCheck([['from'], ['to']], periodOk, periodMessage), ['to']),
);
export type DashboardQueryInput = v.InferOutput<typeof DashboardQuerySchema>;

const line = (max: number, what: string) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `${what} dài tối đa ${max} ký tự`)));

/** The official report (report.docx, report.html): the period, and what the board writes on it (all optional). */
export const ReportDocumentQuerySchema = v.pipe(
  v.strictObject({
    ...PERIOD,
    number: line(10, 'Số báo cáo'),
    signerTitle: line(60, 'Chức vụ người ký'),
    signerName: line(60, 'Họ tên người ký'),
  }, objectMessage),
  v.forward(v.partialCheck([['from'], ['to']], periodOk, periodMessage), ['to']),
);
