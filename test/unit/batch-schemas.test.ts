// The proposal batches' request schemas (shared/batch-schemas.ts): what they give the server, and the path and
// Vietnamese message of each refusal (the batch screen shows them beside the field).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import {
  BatchCasesSelectionSchema, BatchHeaderPatchSchema, CommendationSettingsSchema, CouncilSchema, DecisionSchema,
} from '../../src/shared/batch-schemas';
import { issuePath } from '../../src/server/http/validation';

const ID = '0190a1b2-c3d4-7e5f-a123-456789abcdef';
const ID2 = '0190a1b2-c3d4-7e5f-a123-456789abcde0';
const MEETING = { date: '2026-08-01', place: '', chair: 'Lò Văn Tiến', present: 7, total: 9 };

/** [path, message] of every issue (every check runs: the server stops at the first per field). */
const issues = (schema: v.GenericSchema, input: unknown) => {
  const r = v.safeParse(schema, input);
  return r.success ? [] : r.issues.map((i) => [issuePath(i), i.message]);
};

test('a selection is ids (distinct UUIDs) or a query string; anything else says what is needed', () => {
  assert.equal(v.parse(BatchCasesSelectionSchema, { caseIds: [ID, ID2] }), { caseIds: [ID, ID2] });
  assert.equal(v.parse(BatchCasesSelectionSchema, { query: 'kind=ca-nhan' }), { query: 'kind=ca-nhan' });
  assert.equal(issues(BatchCasesSelectionSchema, { caseIds: [ID, ID] }), [['caseIds.1', 'Hồ sơ này đã có trong danh sách']]);
  assert.equal(issues(BatchCasesSelectionSchema, { caseIds: [] }), [['caseIds', 'Chọn ít nhất một hồ sơ']]);
  assert.equal(issues(BatchCasesSelectionSchema, {}), [['', 'Cần danh sách hồ sơ đã chọn (caseIds) hoặc bộ lọc của bảng (query)']]);
});

test('a header patch: trimmed text, spaces folded; a number of digits; a real, past date; legal bases not blank', () => {
  assert.equal(v.parse(BatchHeaderPatchSchema, { signerName: '  Tòng   Văn Hưng ', number: ' 12 ' }), { signerName: 'Tòng Văn Hưng', number: '12' });
  assert.equal(issues(BatchHeaderPatchSchema, { number: '12/TTr' }), [['number', 'Số văn bản chỉ gồm chữ số (ký hiệu ghi riêng)']]);
  assert.equal(issues(BatchHeaderPatchSchema, { symbol: 'TTr UBND' }), [['symbol', 'Ký hiệu văn bản không có khoảng trắng (ví dụ TTr-UBND)']]);
  assert.equal(issues(BatchHeaderPatchSchema, { date: '2999-01-01' }), [['date', 'Ngày văn bản không thể ở tương lai']]);
  assert.equal(issues(BatchHeaderPatchSchema, { legalBases: ['Luật', ' '] }), [['legalBases.1', 'Không để trống căn cứ; xoá dòng nếu không dùng']]);
  assert.equal(issues(BatchHeaderPatchSchema, {}), [['', 'Không có mục nào cần sửa']]);
});

test('the council: present ≤ total, agree ≤ voters ≤ present, one vote per case', () => {
  const ok = { meeting: MEETING, votes: [{ caseId: ID, agree: 5, voters: 7 }] };
  assert.equal(v.parse(CouncilSchema, ok), ok);
  assert.equal(issues(CouncilSchema, { meeting: { ...MEETING, present: 10 }, votes: [] }),
    [['meeting.present', 'Số thành viên có mặt không thể nhiều hơn tổng số (9)']]);
  assert.equal(issues(CouncilSchema, { meeting: MEETING, votes: [{ caseId: ID, agree: 7, voters: 7 }, { caseId: ID, agree: 1, voters: 7 }] }), [
    ['votes.1.caseId', 'Hồ sơ này đã có biểu quyết ở dòng trên'],
  ]);
  assert.equal(issues(CouncilSchema, { meeting: MEETING, votes: [{ caseId: ID, agree: 9, voters: 8 }] }), [
    ['votes.0.voters', 'Số người biểu quyết không thể nhiều hơn số thành viên có mặt (7)'],
    ['votes.0.agree', 'Số phiếu đồng ý không thể nhiều hơn số người biểu quyết (8)'],
  ]);
});

test('a decision needs its number, date, authority and signer; a case not commended needs a comment and a state', () => {
  const ok = { number: '125/QĐ-UBND', date: '2026-08-10', authority: 'Chủ tịch UBND xã Mường Kim', signer: 'Tòng Văn Hưng', notCommended: [] };
  assert.equal(v.parse(DecisionSchema, ok), ok);
  assert.equal(issues(DecisionSchema, { ...ok, notCommended: [{ caseId: ID, comment: ' ', returnTo: 'commended' }] }), [
    ['notCommended.0.comment', 'Nêu lý do không được khen thưởng'],
    ['notCommended.0.returnTo', 'Chọn trạng thái hồ sơ trở về (đang thẩm định, trả lại bổ sung, không đủ điều kiện)'],
  ]);
});

test('settings: a share from 0 to 1 per form id', () => {
  assert.equal(issues(CommendationSettingsSchema, { legalBases: ['Luật'], minVoteShare: { 'Bằng khen': 0.5, giay_khen: 2 } }), [
    ['minVoteShare.Bằng khen', 'Mã hình thức khen thưởng không hợp lệ'],
    ['minVoteShare.giay_khen', 'Tỷ lệ phiếu từ 0 đến 1'],
  ]);
});

test.run();
