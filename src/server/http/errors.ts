// API errors: thrown by routes and services as ApiFailure, turned into an ApiError JSON body in one place.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ApiIssue, ErrorCode, ServerCase } from '../../shared/sync-protocol';

export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: ApiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.error}`);
  }
}

const failure = (status: ContentfulStatusCode, error: ErrorCode, message: string, extra: Partial<ApiError> = {}) =>
  new ApiFailure(status, { error, message, ...extra });

export const badRequest = (message: string, issues?: ApiIssue[]) => failure(400, 'invalid', message, issues ? { issues } : {});
export const invalid = (issues: ApiIssue[], message = 'Dữ liệu chưa hợp lệ, xem từng mục cần sửa') =>
  failure(422, 'invalid', message, { issues });
export const unauthenticated = (message = 'Bạn cần đăng nhập') => failure(401, 'unauthenticated', message);
export const forbidden = (message: string) => failure(403, 'forbidden', message);
export const notFound = (message = 'Không tìm thấy') => failure(404, 'not-found', message);
export const conflict = (message: string, server: ServerCase) => failure(409, 'conflict', message, { server });
/** 410: the case was erased at its subject's request (subject/erasure.ts); only its id, owner and commune remain. */
export const erased = (message = 'Hồ sơ này đã được xoá theo yêu cầu của người được nêu tên trong hồ sơ') =>
  failure(410, 'erased', message);
export const missingPhotos = (missing: string[]) =>
  failure(409, 'missing-photos', `Máy chủ chưa có ${missing.length} ảnh của hồ sơ này, cần gửi ảnh trước`, { missing });
// The connection stays open: @hono/node-server drains what the client is still sending (up to 64 MB or
// 500 ms), so the client gets to read this answer instead of a broken pipe.
export const tooLarge = (limit: number) =>
  failure(413, 'too-large', `Dữ liệu gửi lên quá lớn (tối đa ${formatBytes(limit)})`);
export const unsupportedMediaType = (expected: string) =>
  failure(415, 'unsupported-media-type', `Sai kiểu dữ liệu gửi lên: cần Content-Type ${expected}`);

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} byte`;
}
