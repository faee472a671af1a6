// valibot schemas of the proposal batches' requests (batch-protocol.ts has the types and paths): the server
// validates every body with them, the batch screen may check a form with them before sending. Rules that need
// the batch or its cases (a decision's date against the deeds, votes naming the batch's cases, known form ids)
// are checked by the server, which reports them with the same paths.
import * as v from 'valibot';
import {
  NOT_COMMENDED_RETURNS, type BatchCasesSelection, type BatchHeader, type CaseVote, type CommendationSettings,
  type CouncilMeeting, type DecisionRecord,
} from './batch-protocol';
import { todayIso } from './dates';
import { LIST_ID } from './reference-protocol';
import { isoDay } from './review-schemas';
import { isCaseId } from './sync-protocol';

export const BATCH_LIMITS = {
  cases: 500, legalBases: 20, legalBasis: 500, number: 20, symbol: 40, name: 100, body: 200, comment: 2000,
  reason: 500, query: 2000, members: 500,
} as const;

/** Trimmed text (spaces folded) of at most `max` characters; it may be empty. */
const text = (max: number, tooLong: string) => v.pipe(
  v.string(), v.transform((s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim()), v.maxLength(max, tooLong),
);

/** The same, not empty: `missing` says what to write. */
const filled = (max: number, tooLong: string, missing: string) => v.pipe(
  v.string(missing), v.transform((s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim()), v.nonEmpty(missing), v.maxLength(max, tooLong),
);

const caseId = v.pipe(v.string('Cần mã hồ sơ'), v.check(isCaseId, 'Mã hồ sơ không hợp lệ'));

/** A day from 2000 up to today (in Vietnam). */
const pastDay = (what: string) => v.pipe(
  isoDay(`Nhập ${what} theo dạng dd/mm/yyyy`),
  v.check((d) => d >= '2000-01-01', `${capitalise(what)} phải từ năm 2000`),
  v.check((d) => d <= todayIso(), `${capitalise(what)} không thể ở tương lai`),
);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

type PathKey = string | number;
type AddIssue = (info: { message: string; path: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void;

/** An issue at a path inside the checked value ("votes.2.agree"): its keys are what ApiIssue paths name. */
function issueAt(addIssue: AddIssue, root: unknown, keys: PathKey[], message: string): void {
  const path = keys.map((key) => ({ type: 'object', origin: 'value', input: root, key, value: undefined })) as unknown as
    [v.IssuePathItem, ...v.IssuePathItem[]];
  addIssue({ message, path });
}

/** Items whose caseId repeats an earlier item's: reported at "<index>.caseId" of the list (or "<index>"). */
function uniqueCases<T>(of: (item: T) => string, at: (index: number) => PathKey[], message: string) {
  return v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<string>();
    dataset.value.forEach((item, index) => {
      const id = of(item);
      if (seen.has(id)) issueAt(addIssue, dataset.value, at(index), message);
      seen.add(id);
    });
  });
}

// ---- the cases of a batch ------------------------------------------------------------------------

const caseIds = v.pipe(
  v.array(caseId, 'Cần danh sách mã hồ sơ'),
  v.minLength(1, 'Chọn ít nhất một hồ sơ'),
  v.maxLength(BATCH_LIMITS.cases, `Một đợt đề nghị có tối đa ${BATCH_LIMITS.cases} hồ sơ`),
  uniqueCases<string>((id) => id, (index) => [index], 'Hồ sơ này đã có trong danh sách'),
);

/** POST /api/review/batches and POST …/cases: the chosen cases, or the table's filters as its query string. */
export const BatchCasesSelectionSchema = v.union([
  v.strictObject({ caseIds }),
  v.strictObject({ query: v.pipe(v.string('Bộ lọc phải là chuỗi truy vấn'), v.maxLength(BATCH_LIMITS.query, 'Bộ lọc quá dài')) }),
], 'Cần danh sách hồ sơ đã chọn (caseIds) hoặc bộ lọc của bảng (query)') satisfies v.GenericSchema<unknown, BatchCasesSelection>;

// ---- the header ----------------------------------------------------------------------------------

const legalBases = v.pipe(
  v.array(filled(BATCH_LIMITS.legalBasis, `Mỗi căn cứ tối đa ${BATCH_LIMITS.legalBasis} ký tự`, 'Không để trống căn cứ; xoá dòng nếu không dùng'),
    'Cần danh sách căn cứ'),
  v.minLength(1, 'Cần ít nhất một căn cứ pháp lý'),
  v.maxLength(BATCH_LIMITS.legalBases, `Tối đa ${BATCH_LIMITS.legalBases} căn cứ`),
);

const headerEntries = {
  number: v.pipe(
    text(BATCH_LIMITS.number, `Số văn bản tối đa ${BATCH_LIMITS.number} ký tự`),
    v.check((s) => s === '' || /^\d+$/.test(s), 'Số văn bản chỉ gồm chữ số (ký hiệu ghi riêng)'),
  ),
  symbol: v.pipe(
    filled(BATCH_LIMITS.symbol, `Ký hiệu tối đa ${BATCH_LIMITS.symbol} ký tự`, 'Nhập ký hiệu văn bản (ví dụ TTr-UBND)'),
    v.check((s) => !/\s/.test(s), 'Ký hiệu văn bản không có khoảng trắng (ví dụ TTr-UBND)'),
  ),
  date: pastDay('ngày văn bản'),
  placeName: filled(BATCH_LIMITS.name, `Địa danh tối đa ${BATCH_LIMITS.name} ký tự`, 'Nhập địa danh (ví dụ Mường Kim)'),
  proposingBody: filled(BATCH_LIMITS.body, `Tên cơ quan tối đa ${BATCH_LIMITS.body} ký tự`, 'Nhập tên cơ quan trình'),
  addressee: filled(BATCH_LIMITS.body, `Nơi nhận tối đa ${BATCH_LIMITS.body} ký tự`, 'Nhập nơi nhận (Kính gửi)'),
  signerTitle: text(BATCH_LIMITS.name, `Chức vụ tối đa ${BATCH_LIMITS.name} ký tự`),
  signerName: text(BATCH_LIMITS.name, `Họ tên tối đa ${BATCH_LIMITS.name} ký tự`),
  legalBases,
};

/** PATCH /api/review/batches/{id}: the header's fields to change (at least one). */
export const BatchHeaderPatchSchema = v.pipe(
  v.strictObject(Object.fromEntries(Object.entries(headerEntries).map(([k, s]) => [k, v.optional(s)])) as
    { [K in keyof typeof headerEntries]: v.OptionalSchema<(typeof headerEntries)[K], undefined> },
  'Cần các mục của phần đầu văn bản cần sửa'),
  v.check((patch) => Object.keys(patch).length > 0, 'Không có mục nào cần sửa'),
) satisfies v.GenericSchema<unknown, Partial<BatchHeader>>;

// ---- the council ---------------------------------------------------------------------------------

const count = (what: string, min: number) => v.pipe(
  v.number(`Nhập ${what} (một số)`), v.integer(`${capitalise(what)} phải là số nguyên`),
  v.minValue(min, `${capitalise(what)} tối thiểu ${min}`), v.maxValue(BATCH_LIMITS.members, `${capitalise(what)} tối đa ${BATCH_LIMITS.members}`),
);

const MeetingSchema = v.strictObject({
  date: pastDay('ngày họp'),
  place: text(BATCH_LIMITS.body, `Địa điểm tối đa ${BATCH_LIMITS.body} ký tự`),
  chair: filled(BATCH_LIMITS.name, `Tên người chủ trì tối đa ${BATCH_LIMITS.name} ký tự`, 'Nhập người chủ trì cuộc họp'),
  present: count('số thành viên có mặt', 1),
  total: count('tổng số thành viên hội đồng', 1),
}, 'Cần thông tin cuộc họp') satisfies v.GenericSchema<unknown, CouncilMeeting>;

const VoteSchema = v.strictObject({
  caseId,
  agree: count('số phiếu đồng ý', 0),
  voters: count('số người biểu quyết', 1),
}) satisfies v.GenericSchema<unknown, CaseVote>;

/** PUT …/council: the meeting, and the vote on each case (present ≤ total, agree ≤ voters ≤ present). */
export const CouncilSchema = v.pipe(
  v.strictObject({
    meeting: MeetingSchema,
    votes: v.pipe(
      v.array(VoteSchema, 'Cần danh sách biểu quyết'),
      v.maxLength(BATCH_LIMITS.cases, `Tối đa ${BATCH_LIMITS.cases} hồ sơ`),
      uniqueCases<CaseVote>((vote) => vote.caseId, (index) => [index, 'caseId'], 'Hồ sơ này đã có biểu quyết ở dòng trên'),
    ),
  }, 'Cần cuộc họp (meeting) và biểu quyết (votes)'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { meeting, votes } = dataset.value;
    if (meeting.present > meeting.total) {
      issueAt(addIssue, dataset.value, ['meeting', 'present'], `Số thành viên có mặt không thể nhiều hơn tổng số (${meeting.total})`);
    }
    votes.forEach((vote, index) => {
      if (vote.voters > meeting.present) {
        issueAt(addIssue, dataset.value, ['votes', index, 'voters'], `Số người biểu quyết không thể nhiều hơn số thành viên có mặt (${meeting.present})`);
      }
      if (vote.agree > vote.voters) {
        issueAt(addIssue, dataset.value, ['votes', index, 'agree'], `Số phiếu đồng ý không thể nhiều hơn số người biểu quyết (${vote.voters})`);
      }
    });
  }),
);
export type CouncilRequest = v.InferOutput<typeof CouncilSchema>;

// ---- withdrawal and decision ---------------------------------------------------------------------

/** POST …/withdraw */
export const WithdrawSchema = v.strictObject({
  reason: filled(BATCH_LIMITS.reason, `Lý do tối đa ${BATCH_LIMITS.reason} ký tự`, 'Nêu lý do rút đợt đề nghị'),
}, 'Cần lý do rút đợt đề nghị');

/** POST …/decision: the signed decision for the whole batch; the cases the authority did not commend, each with a comment. */
export const DecisionSchema = v.strictObject({
  number: filled(64, 'Số quyết định tối đa 64 ký tự', 'Nhập số quyết định (ví dụ 125/QĐ-UBND)'),
  date: pastDay('ngày quyết định'),
  authority: filled(BATCH_LIMITS.body, `Cấp quyết định tối đa ${BATCH_LIMITS.body} ký tự`, 'Nhập người, cơ quan quyết định'),
  signer: filled(BATCH_LIMITS.name, `Họ tên tối đa ${BATCH_LIMITS.name} ký tự`, 'Nhập họ tên người ký quyết định'),
  notCommended: v.pipe(
    v.array(v.strictObject({
      caseId,
      comment: filled(BATCH_LIMITS.comment, `Ý kiến tối đa ${BATCH_LIMITS.comment} ký tự`, 'Nêu lý do không được khen thưởng'),
      returnTo: v.picklist(NOT_COMMENDED_RETURNS, 'Chọn trạng thái hồ sơ trở về (đang thẩm định, trả lại bổ sung, không đủ điều kiện)'),
    }), 'Cần danh sách hồ sơ không được khen thưởng (có thể trống)'),
    v.maxLength(BATCH_LIMITS.cases, `Tối đa ${BATCH_LIMITS.cases} hồ sơ`),
    uniqueCases<DecisionRecord['notCommended'][number]>((item) => item.caseId, (index) => [index, 'caseId'], 'Hồ sơ này đã có ở dòng trên'),
  ),
}, 'Cần số, ngày, cấp quyết định và người ký') satisfies v.GenericSchema<unknown, DecisionRecord>;

// ---- settings ------------------------------------------------------------------------------------

/** PUT /api/admin/commendation-settings; the server checks that every form id is in the forms list. */
export const CommendationSettingsSchema = v.strictObject({
  legalBases,
  minVoteShare: v.record(
    v.pipe(v.string(), v.regex(LIST_ID, 'Mã hình thức khen thưởng không hợp lệ')),
    v.pipe(v.number('Tỷ lệ phiếu là một số từ 0 đến 1'), v.minValue(0, 'Tỷ lệ phiếu từ 0 đến 1'), v.maxValue(1, 'Tỷ lệ phiếu từ 0 đến 1')),
    'Cần tỷ lệ phiếu tối thiểu theo từng hình thức (có thể trống)',
  ),
}, 'Cần căn cứ pháp lý và tỷ lệ phiếu tối thiểu') satisfies v.GenericSchema<unknown, CommendationSettings>;
