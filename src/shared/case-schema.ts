// The case as the reporter fills it in: one valibot schema for the phone ("Hoàn tất") and for the server.
// Messages are Vietnamese and sit beside the field they name (the issue's path is the field's key).
// The app loads this module (and valibot) only when a case is finalised: it is not needed to show the form.
import * as v from 'valibot';
import { GENDERS, SUBJECT_KINDS, isCommuneCode, isEthnicCode } from './reference';
import { isIsoDay, todayIso } from './dates';
import { CASE_LIMITS } from './case-limits';
import { LIST_ID } from './reference-protocol';


const SHA256 = /^[0-9a-f]{64}$/;
const PHONE = /^(0|\+84)\d{9,10}$/;

const maxText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max, `Tối đa ${max} ký tự`));
const requiredText = (missing: string, max: number, min = 1) =>
  v.pipe(
    v.string(missing), v.trim(), v.nonEmpty(missing),
    v.minLength(min, `Cần ít nhất ${min} ký tự`), v.maxLength(max, `Tối đa ${max} ký tự`),
  );
const listId = (missing: string) => v.pipe(v.string(missing), v.nonEmpty(missing), v.regex(LIST_ID, missing));
const birthYear = v.pipe(
  v.number('Nhập năm sinh bằng số'), v.integer('Nhập năm sinh bằng số'),
  v.minValue(1900, 'Năm sinh từ 1900'), v.check((y) => y <= new Date().getFullYear(), 'Năm sinh không thể ở tương lai'),
);
const deedDate = v.pipe(
  v.string('Nhập ngày theo dạng dd/mm/yyyy'),
  v.check(isIsoDay, 'Nhập ngày theo dạng dd/mm/yyyy'),
  v.check((d) => d >= '2000-01-01', 'Ngày phải từ năm 2000'),
  v.check((d) => d <= todayIso(), 'Ngày không thể ở tương lai'),
);

// A consent's time is an instant (date, time and zone, as the phone's toISOString() writes it), not a day.
const INSTANT = /^(\d{4}-\d\d-\d\d)T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const isInstant = (s: string) => {
  const m = INSTANT.exec(s);
  return m !== null && isIsoDay(m[1]!) && !Number.isNaN(Date.parse(s));
};
/**
 * How far ahead of the checking clock a consent time may be. The phone stamps the time by its own clock and the
 * server checks it by the server's: a cheap phone's clock is often a few minutes fast, and a case refused for that
 * would stay stuck in its outbox. Five minutes forgives such drift; a consent dated days ahead is still refused.
 */
export const CONSENT_CLOCK_SKEW_MS = 5 * 60_000;
const consentTime = (missing: string) => v.pipe(
  v.string(missing),
  v.check(isInstant, 'Thời điểm đồng ý phải có ngày, giờ và múi giờ'),
  v.check((s) => Date.parse(s) <= Date.now() + CONSENT_CLOCK_SKEW_MS, 'Thời điểm đồng ý không thể ở tương lai'),
);

export const PhotoRefSchema = v.strictObject({
  sha256: v.pipe(v.string(), v.regex(SHA256, 'Mã ảnh không hợp lệ')),
  caption: maxText(CASE_LIMITS.caption),
  width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1600)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1600)),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
  thumbSha256: v.pipe(v.string(), v.regex(SHA256)),
  thumbBytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type PhotoRef = v.InferOutput<typeof PhotoRefSchema>;

const fieldEntries = {
  subjectKind: v.picklist(SUBJECT_KINDS, 'Chọn cá nhân, tập thể hoặc hộ gia đình'),
  subjectName: requiredText('Nhập họ tên hoặc tên tập thể', CASE_LIMITS.name, 2),
  birthYear: v.optional(birthYear),
  gender: v.optional(v.picklist(GENDERS, 'Chọn giới tính')),
  ethnicityCode: v.optional(v.pipe(v.string(), v.check(isEthnicCode, 'Chọn dân tộc trong danh sách'))),
  subjectCategoryId: listId('Chọn nhóm đối tượng'),
  communeCode: v.pipe(v.string('Chọn xã, phường'), v.check(isCommuneCode, 'Chọn xã, phường trong danh sách')),
  village: requiredText('Nhập thôn, bản, tổ dân phố', CASE_LIMITS.village),
  workplaceOrRole: v.optional(maxText(CASE_LIMITS.role)),
  movementId: listId('Chọn phong trào thi đua'),
  fieldOfLifeId: listId('Chọn lĩnh vực'),
  deedDate,
  deedPlace: requiredText('Nhập nơi diễn ra việc tốt', CASE_LIMITS.place),
  deedDescription: requiredText('Mô tả việc tốt đã làm', CASE_LIMITS.deed, CASE_LIMITS.deedMin),
  result: requiredText('Nêu kết quả, tác dụng của việc làm', CASE_LIMITS.result, CASE_LIMITS.resultMin),
  proposedFormId: listId('Chọn hình thức khen thưởng đề nghị'),
  awardTypeId: listId('Chọn loại hình khen thưởng'),
  reporterName: requiredText('Nhập họ tên người báo cáo', CASE_LIMITS.reporter),
  reporterPhone: v.optional(v.pipe(v.string(), v.trim(), v.regex(PHONE, 'Số điện thoại chưa đúng (ví dụ 0912345678)'))),
  photos: v.pipe(v.array(PhotoRefSchema), v.maxLength(CASE_LIMITS.photos, `Tối đa ${CASE_LIMITS.photos} ảnh`)),
  consentAppraisal: v.literal(true, 'Cần có sự đồng ý của người được báo cáo để thẩm định'),
  consentAppraisalAt: v.nullable(consentTime('Thời điểm đồng ý cho thẩm định không hợp lệ')),
  consentPublication: v.boolean('Chọn có hoặc không đồng ý đăng tin'),
  consentPublicationAt: v.nullable(consentTime('Thời điểm đồng ý đăng tin không hợp lệ')),
};

type Entries = typeof fieldEntries;
type FieldOutput = v.InferOutput<v.StrictObjectSchema<Entries, undefined>>;
const individualOnly = (key: 'birthYear' | 'gender' | 'ethnicityCode', message: string) =>
  v.forward<FieldOutput, v.PartialCheckIssue<FieldOutput>, [typeof key]>(
    v.partialCheck([['subjectKind'], [key]], (f) => f.subjectKind !== 'ca-nhan' || f[key] !== undefined, message),
    [key],
  );
// Put on the box: the time has no control of its own (ticking stamps it), and an unticked box is then one issue.
const consentTimeRule = (key: 'consentAppraisal' | 'consentPublication', rule: (f: FieldOutput) => boolean, message: string) =>
  v.forward<FieldOutput, v.PartialCheckIssue<FieldOutput>, [typeof key]>(
    v.partialCheck([[key], [`${key}At` as const]], rule, message),
    [key],
  );

/** A finished case: what "Hoàn tất" requires and what the server accepts (unknown keys are refused). */
export const CaseFieldsSchema = v.pipe(
  v.strictObject(fieldEntries),
  individualOnly('birthYear', 'Nhập năm sinh'),
  individualOnly('gender', 'Chọn giới tính'),
  individualOnly('ethnicityCode', 'Chọn dân tộc'),
  // The time is there exactly when the consent is: an unticked box with a time (or the reverse) is not a consent.
  consentTimeRule('consentAppraisal', (f) => f.consentAppraisalAt !== null, 'Chưa ghi thời điểm người được báo cáo đồng ý cho thẩm định'),
  consentTimeRule('consentPublication', (f) => !f.consentPublication || f.consentPublicationAt !== null, 'Chưa ghi thời điểm người được báo cáo đồng ý đăng tin'),
  consentTimeRule('consentPublication', (f) => f.consentPublication || f.consentPublicationAt === null, 'Không đồng ý đăng tin thì không ghi thời điểm đồng ý'),
);
export type CaseFields = v.InferOutput<typeof CaseFieldsSchema>;

/** A draft: any subset, each value of the right type and length, so a half-filled case can always be saved. */
export const DraftFieldsSchema = v.object({
  subjectKind: v.optional(v.picklist(SUBJECT_KINDS)),
  subjectName: v.optional(maxText(CASE_LIMITS.name)),
  birthYear: v.optional(v.number()),
  gender: v.optional(v.picklist(GENDERS)),
  ethnicityCode: v.optional(v.string()),
  subjectCategoryId: v.optional(v.string()),
  communeCode: v.optional(v.string()),
  village: v.optional(maxText(CASE_LIMITS.village)),
  workplaceOrRole: v.optional(maxText(CASE_LIMITS.role)),
  movementId: v.optional(v.string()),
  fieldOfLifeId: v.optional(v.string()),
  deedDate: v.optional(v.string()),
  deedPlace: v.optional(maxText(CASE_LIMITS.place)),
  deedDescription: v.optional(maxText(CASE_LIMITS.deed)),
  result: v.optional(maxText(CASE_LIMITS.result)),
  proposedFormId: v.optional(v.string()),
  awardTypeId: v.optional(v.string()),
  reporterName: v.optional(maxText(CASE_LIMITS.reporter)),
  reporterPhone: v.optional(v.string()),
  photos: v.pipe(v.array(PhotoRefSchema), v.maxLength(CASE_LIMITS.photos)),
  consentAppraisal: v.boolean(),
  consentAppraisalAt: v.nullable(v.string()),
  consentPublication: v.boolean(),
  consentPublicationAt: v.nullable(v.string()),
});
export type DraftFields = v.InferOutput<typeof DraftFieldsSchema>;
export type FieldKey = keyof DraftFields;


export type FieldErrors = Partial<Record<FieldKey, string>>;

export type Validation = { ok: true; fields: CaseFields } | { ok: false; errors: FieldErrors };

/** Checks a draft for "Hoàn tất"; every field that needs fixing gets its first message. */
export function validateForFinalise(draft: DraftFields): Validation {
  // Every key present (a missing key gets valibot's generic message; an undefined value gets ours), '' as unset.
  const cleaned = Object.fromEntries(
    Object.keys(fieldEntries).map((key) => {
      const value = draft[key as FieldKey];
      return [key, typeof value === 'string' && value.trim() === '' ? undefined : value];
    }),
  );
  const result = v.safeParse(CaseFieldsSchema, cleaned);
  if (result.success) return { ok: true, fields: result.output };
  const errors: FieldErrors = {};
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    if (typeof key === 'string' && !(key in errors)) errors[key as FieldKey] = issue.message;
  }
  return { ok: false, errors };
}
