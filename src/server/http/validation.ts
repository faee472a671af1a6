// valibot issues → ApiIssue[] with dotted paths ("fields.deedDate", "fields.photos.0.sha256") and Vietnamese
// messages. The shared schemas carry their own messages; this only fills in those valibot would say in English.
import * as v from 'valibot';
import { isCaseId, type ApiIssue } from '../../shared/sync-protocol';
import { badRequest, invalid } from './errors';

const MAX_ISSUES = 50;

function vietnamese(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'Trường này không được phép';
  if (issue.kind === 'schema') {
    if (issue.input === undefined) return 'Thiếu trường bắt buộc';
    return `Sai kiểu dữ liệu (cần ${issue.expected ?? 'giá trị khác'})`;
  }
  switch (issue.type) {
    case 'max_length': return `Quá dài (tối đa ${String(issue.requirement)})`;
    case 'min_length': case 'non_empty': return 'Không được để trống';
    case 'max_value': return `Giá trị quá lớn (tối đa ${String(issue.requirement)})`;
    case 'min_value': return `Giá trị quá nhỏ (tối thiểu ${String(issue.requirement)})`;
    case 'integer': return 'Cần một số nguyên';
    case 'regex': return 'Sai định dạng';
    default: return 'Giá trị không hợp lệ';
  }
}

export function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.');
}

/**
 * A GET's query parameters parsed by `schema` (or a 422). A filter form sends its empty fields as "name=": those
 * mean "any" and are dropped first.
 */
export function parseQueryOr422<TSchema extends v.GenericSchema>(schema: TSchema, query: Record<string, string>): v.InferOutput<TSchema> {
  return parseOr422(schema, Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '')));
}

/** The parsed output, or a 422 ApiFailure listing every issue (at most MAX_ISSUES). */
export function parseOr422<TSchema extends v.GenericSchema>(schema: TSchema, input: unknown): v.InferOutput<TSchema> {
  // abortPipeEarly: one message per field, the first that applies (as the phone shows them).
  const result = v.safeParse(schema, input, { message: vietnamese, abortPipeEarly: true });
  if (result.success) return result.output;
  const issues: ApiIssue[] = result.issues.slice(0, MAX_ISSUES).map((issue) => ({ path: issuePath(issue), message: issue.message }));
  throw invalid(issues);
}

/** A case id from the path (the phone's UUID), or a 400. */
export function caseIdParam(id: string): string {
  if (!isCaseId(id)) throw badRequest('Mã hồ sơ phải là một UUID', [{ path: 'id', message: 'Mã hồ sơ không hợp lệ' }]);
  return id;
}
