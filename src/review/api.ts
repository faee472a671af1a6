// The review workspace's calls to the server. Every failure becomes a ReviewError carrying the server's
// Vietnamese message (never a stack trace), its status, and the field issues of a 422.
import type { ApiError, ApiIssue } from '../shared/sync-protocol';

export class ReviewError extends Error {
  constructor(message: string, readonly status: number, readonly issues: readonly ApiIssue[] = []) {
    super(message);
  }
}

const OFFLINE = 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.';

function fallbackMessage(status: number): string {
  if (status === 401) return 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.';
  if (status === 403) return 'Tài khoản không có quyền xem nội dung này.';
  if (status === 404) return 'Không tìm thấy.';
  if (status === 410) return 'Hồ sơ đã được xoá theo yêu cầu của người được nêu tên.';
  if (status >= 500) return 'Máy chủ đang gặp sự cố. Hãy thử lại sau.';
  return 'Yêu cầu chưa thực hiện được.';
}

/** The answer when it is a success; anything else thrown as a ReviewError. */
async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ReviewError(OFFLINE, 0);
  }
  if (response.ok) return response;
  let body: Partial<ApiError> = {};
  try {
    body = (await response.json()) as Partial<ApiError>;
  } catch { /* not JSON (a proxy's page): the fallback message says what happened */ }
  throw new ReviewError(body.message || fallbackMessage(response.status), response.status, body.issues ?? []);
}

async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

/**
 * GET of a file the reviewer saves (a ZIP): fetched first, so a refusal shows as the server's message instead of
 * a downloaded error page, then handed to the browser under the server's file name (else `fallbackName`).
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const response = await request(path, { headers: { accept: 'application/zip, application/json' } });
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw new ReviewError(OFFLINE, 0);
  }
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> => send<T>(path, signal ? { signal } : {});

/** POST, PATCH or PUT of a JSON body. */
export const sendJson = <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<T> =>
  send<T>(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const postJson = <T>(path: string, body: unknown): Promise<T> => sendJson<T>('POST', path, body);

/** DELETE (the answer's body, if any, is not needed). */
export const deleteAt = async (path: string): Promise<void> => { await request(path, { method: 'DELETE' }); };

/** The field issues of anything a call threw (a 422's; none for other failures). */
export const issuesOf = (error: unknown): readonly ApiIssue[] => (error instanceof ReviewError ? error.issues : []);

/** The message to show for anything a call threw (an abort is not shown at all). */
export function messageOf(error: unknown): string {
  return error instanceof ReviewError ? error.message : 'Đã có lỗi, chưa tải được dữ liệu. Hãy thử lại.';
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
