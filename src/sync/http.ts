// The phone's side of src/shared/sync-protocol.ts: six calls, each with a timeout sized to its bytes, and
// every way a call can fail turned into one Failure class (the table in ./README.md, "Errors").
import type { ApiError, ApiIssue, CaseChange, CasePut, CaseReceipt, ChangesPage, ErrorCode, ServerCase } from '../shared/sync-protocol';
import { api } from '../shared/sync-protocol';
import { referenceApi, type ReferenceLists } from '../shared/reference-protocol';
import { parseRetryAfter } from './backoff';

export type Failure =
  | { kind: 'network'; message: string }
  | { kind: 'server'; message: string; status: number; retryAfterMs?: number }
  | { kind: 'auth'; message: string }
  | { kind: 'invalid'; message: string; status: number; forbidden: boolean; code?: ErrorCode; issues?: ApiIssue[] }
  | { kind: 'conflict'; message: string; server: ServerCase }
  | { kind: 'missing-photos'; message: string; missing: string[] }
  | { kind: 'erased'; message: string }
  | { kind: 'aborted'; message: string };

export class SyncFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'SyncFailure';
  }
}

export const MESSAGES = {
  offline: 'Không kết nối được máy chủ (mất mạng hoặc mạng yếu). Máy sẽ tự gửi lại.',
  timeout: 'Mạng quá chậm, chưa gửi xong. Máy sẽ tự gửi lại.',
  redirected: 'Mạng đang yêu cầu đăng nhập (wifi công cộng?). Máy sẽ tự gửi lại khi vào được mạng.',
  busy: 'Máy chủ đang bận. Máy sẽ tự gửi lại.',
  quota: 'Dung lượng lưu trữ của tài khoản trên máy chủ đã đầy. Hồ sơ vẫn được giữ trên máy; hãy liên hệ quản trị viên.',
  server: (status: number) => `Máy chủ đang gặp lỗi (mã ${status}). Máy sẽ tự gửi lại.`,
  auth: 'Phiên đăng nhập đã hết. Đăng nhập lại để gửi.',
  conflict: 'Hồ sơ đã được sửa trên máy chủ. Hãy chọn giữ bản nào.',
  invalid: 'Máy chủ không nhận hồ sơ này. Hãy sửa lại theo ghi chú.',
  forbidden: 'Tài khoản này không được gửi hồ sơ này.',
  badAnswer: 'Máy chủ trả lời không đúng định dạng. Máy sẽ tự gửi lại.',
  garbled: 'Ảnh bị hỏng trên đường truyền. Máy sẽ tự gửi lại.',
  damaged: 'Một ảnh lưu trên máy đã bị hỏng. Hãy mở hồ sơ, xoá ảnh đó và chụp lại.',
  lost: 'Ảnh của hồ sơ này không còn trên máy. Hãy mở hồ sơ, xoá ảnh lỗi và chụp lại.',
  stopped: 'Đã dừng gửi.',
  erased: 'Hồ sơ đã được xoá theo yêu cầu của người được nêu tên.',
} as const;

export interface ApiOptions {
  fetch: typeof fetch;
  baseUrl: string;
  now: () => number;
  /** Aborts every call (the controller stopping); unlike a timeout, never counted as a failed attempt. */
  signal?: AbortSignal;
  /** Every call may take this long, plus its bytes at `minBytesPerSecond` (a 300 KB photo over 2G is slow, not dead). */
  baseTimeoutMs?: number;
  minBytesPerSecond?: number;
}

/** AbortSignal.any where the browser has it (Chrome 116+); a small equivalent elsewhere. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) { controller.abort(s.reason); break; }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function timeoutSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), ms);
  return controller.signal;
}

const fail = (failure: Failure): never => { throw new SyncFailure(failure); };

/** A call's timeout: a base plus its bytes at the slowest rate still worth waiting for. */
export const callTimeoutMs = (bytes: number, baseMs = 20_000, minBytesPerSecond = 2_500): number =>
  baseMs + Math.ceil((bytes * 1000) / minBytesPerSecond);

export class SyncApi {
  constructor(private readonly o: ApiOptions) {}

  /**
   * Whether the server holds these bytes for this account (then they are not sent again), and if not, how many
   * of them an upload a dropped link cut left there (sent again from that byte on).
   */
  async probePhoto(sha256: string): Promise<PhotoProbe> {
    const res = await this.request('HEAD', api.photo(sha256), 0);
    if (res.ok) return { stored: true, offset: 0 };
    if (res.status === 404) return { stored: false, offset: uploadOffset(res) ?? 0 };
    return this.failFrom(res);
  }

  /**
   * Sends a photo's bytes from `offset` on, the byte the server holds (0 for a new upload): always a PATCH, so a
   * request the browser replays by itself after a dropped connection can never discard what had arrived.
   */
  async sendPhoto(sha256: string, bytes: ArrayBuffer, offset = 0): Promise<void> {
    // The server may hold more than the probe said (a request it had not finished reading then): it says where.
    // Holding every byte (a server stopped before it checked them) takes an empty PATCH to finish.
    for (let tries = 0; ; tries++) {
      const from = Math.max(0, Math.min(offset, bytes.byteLength));
      const res = await this.request('PATCH', api.photo(sha256), bytes.byteLength - from, from === 0 ? bytes : bytes.slice(from), 'application/offset+octet-stream', {
        'Upload-Offset': String(from), 'Upload-Length': String(bytes.byteLength),
      });
      if (res.ok && res.status !== 204) return;
      const held = uploadOffset(res);
      if ((res.status === 204 || res.status === 409) && held !== undefined && tries < 3) {
        offset = held;
        continue;
      }
      return this.failFrom(res);
    }
  }

  async putCase(caseId: string, body: CasePut): Promise<CaseReceipt> {
    const json = JSON.stringify(body);
    const res = await this.request('PUT', api.case(caseId), json.length, json, 'application/json');
    if (!res.ok) return this.failFrom(res);
    const receipt = await this.json<CaseReceipt>(res);
    if (receipt?.caseId !== caseId || typeof receipt.revision !== 'number' || typeof receipt.photosTotal !== 'number') {
      return fail({ kind: 'server', status: res.status, message: MESSAGES.badAnswer });
    }
    return receipt;
  }

  async changes(cursor: string): Promise<ChangesPage> {
    const res = await this.request('GET', api.changes(cursor), 0);
    if (!res.ok) return this.failFrom(res);
    const page = await this.json<ChangesPage>(res);
    if (!page || !Array.isArray(page.changes) || typeof page.cursor !== 'string') {
      return fail({ kind: 'server', status: res.status, message: MESSAGES.badAnswer });
    }
    return { changes: page.changes.filter(isChange), cursor: page.cursor, more: page.more === true };
  }

  /**
   * The editable lists, or 'unchanged' when the server still has `version` (304). The answer is returned as
   * parsed: the caller checks its shape before keeping it.
   */
  async referenceLists(version: string | undefined): Promise<ReferenceLists | 'unchanged'> {
    const res = await this.request('GET', referenceApi.lists, 0, undefined, undefined, version ? { 'If-None-Match': `"${version}"` } : {});
    if (res.status === 304) return 'unchanged';
    if (!res.ok) return this.failFrom(res);
    return (await this.json<ReferenceLists>(res)) ?? fail({ kind: 'server', status: res.status, message: MESSAGES.badAnswer });
  }

  private async request(method: string, path: string, bytes: number, body?: BodyInit, type?: string, extra: Record<string, string> = {}): Promise<Response> {
    const timeout = timeoutSignal(callTimeoutMs(bytes, this.o.baseTimeoutMs, this.o.minBytesPerSecond));
    const signal = this.o.signal ? anySignal([this.o.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: 'application/json', ...extra };
    if (type) headers['Content-Type'] = type;
    let res: Response;
    try {
      res = await this.o.fetch(this.o.baseUrl + path, {
        method, headers, signal, credentials: 'same-origin', cache: 'no-store', redirect: 'manual',
        ...(body === undefined ? {} : { body }),
      });
    } catch {
      return this.failOnException(timeout);
    }
    // A captive portal answers with a redirect to its login page: the network, not the server, is in the way.
    // (304 is no redirect: the answer to a request made conditional on purpose.)
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304)) return fail({ kind: 'network', message: MESSAGES.redirected });
    return res;
  }

  private failOnException(timeout: AbortSignal): never {
    if (this.o.signal?.aborted) return fail({ kind: 'aborted', message: MESSAGES.stopped });
    return fail({ kind: 'network', message: timeout.aborted ? MESSAGES.timeout : MESSAGES.offline });
  }

  private async json<T>(res: Response): Promise<T | undefined> {
    try {
      return (await res.json()) as T;
    } catch (error) {
      if (this.o.signal?.aborted) return fail({ kind: 'aborted', message: MESSAGES.stopped });
      if (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
        return fail({ kind: 'network', message: MESSAGES.timeout });
      }
      return undefined;
    }
  }

  /** Turns an error answer into its class, reading the server's Vietnamese message where there is one. */
  private async failFrom(res: Response): Promise<never> {
    const body = res.status === 404 && !res.headers.get('content-type')?.includes('json') ? undefined : await this.json<ApiError>(res);
    const message = typeof body?.message === 'string' && body.message ? body.message : undefined;
    const s = res.status;
    if (s === 401) return fail({ kind: 'auth', message: MESSAGES.auth });
    if (s === 409 && body?.error === 'missing-photos' && Array.isArray(body.missing)) {
      return fail({ kind: 'missing-photos', message: message ?? MESSAGES.server(s), missing: body.missing });
    }
    if (s === 409 && body?.server) return fail({ kind: 'conflict', message: message ?? MESSAGES.conflict, server: body.server });
    if (s === 410 && body?.error === 'erased') return fail({ kind: 'erased', message: message ?? MESSAGES.erased });
    if (s === 400 || s === 403 || s === 413 || s === 415 || s === 422) {
      const forbidden = s === 403;
      return fail({
        kind: 'invalid', status: s, forbidden,
        message: message ?? (forbidden ? MESSAGES.forbidden : MESSAGES.invalid),
        ...(typeof body?.error === 'string' ? { code: body.error } : {}),
        ...(Array.isArray(body?.issues) ? { issues: body.issues } : {}),
      });
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.o.now());
    return fail({
      kind: 'server', status: s,
      // 507: the account's storage is full; the server's sentence says what to do (ask the administrator).
      message: s === 507 ? message ?? MESSAGES.quota : s === 429 || s === 503 ? MESSAGES.busy : MESSAGES.server(s),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
}

export interface PhotoProbe { stored: boolean; offset: number }

/** The Upload-Offset header of a photo answer: the bytes of an unfinished upload the server holds. */
function uploadOffset(res: Response): number | undefined {
  const value = res.headers.get('upload-offset');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

function isChange(c: unknown): c is CaseChange {
  const x = c as CaseChange;
  return !!x && typeof x.caseId === 'string' && typeof x.seq === 'number' && typeof x.status === 'string';
}
