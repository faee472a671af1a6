// An in-process fake of the server's HTTP behaviour (src/shared/sync-protocol.ts), injected as `fetch` into the
// sync engine's unit tests: photos by sha256 (re-hashed), cases idempotent on (id, content), 409 for a stale
// revision or missing photos, a changes feed — plus hooks to inject faults before or after a request is handled.
import { createHash } from 'node:crypto';
import type { CaseChange, CaseReceipt, ServerCase, ServerStatus } from '../../src/shared/sync-protocol';
import type { CaseFields } from '../../src/shared/case-schema';

export interface Req { method: string; path: string; bytes: number; body?: unknown; headers: Record<string, string> }

/** A request that carries bytes to store: a case PUT, or a photo's PUT or PATCH. */
export const isUpload = (req: Pick<Req, 'method'>): boolean => req.method === 'PUT' || req.method === 'PATCH';

interface StoredCase { revision: number; fields: CaseFields; content: string; status: ServerStatus; receivedAt: string; owner: string }

export type Hook = (req: Req, n: number) => Response | 'network' | undefined | Promise<Response | 'network' | undefined>;

export class FakeServer {
  photos = new Map<string, Buffer>();
  /** Bytes of photo uploads a dropped link cut, by sha256 (what HEAD's Upload-Offset reports). */
  partials = new Map<string, Buffer>();
  /** The link drops after this many body bytes of each longer photo upload: they are kept, the fetch fails. */
  dropUploadsAfter: number | undefined;
  cases = new Map<string, StoredCase>();
  changes: CaseChange[] = [];
  requests: Req[] = [];
  /** The signed-in user (as a session cookie would say); undefined answers 401. */
  user: string | undefined = 'u1';
  pageSize = 50;
  /** Runs before the server handles a request: a Response replaces the answer, 'network' fails the fetch. */
  before?: Hook;
  /** Runs after the server handled it (its state changed): 'network' loses the answer on the way back. */
  after?: Hook;
  /** Validation, as the server's schema would do it: an issue list means 422. */
  validate: (fields: CaseFields) => Array<{ path: string; message: string }> = (f) =>
    f.subjectName === 'INVALID' ? [{ path: 'subjectName', message: 'Tên không hợp lệ' }] : [];
  private clock = Date.parse('2026-07-20T08:00:00Z');

  readonly fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://fake');
    const method = (init.method ?? 'GET').toUpperCase();
    const raw = init.body === undefined || init.body === null ? undefined : init.body;
    const body = typeof raw === 'string' ? JSON.parse(raw) : raw instanceof ArrayBuffer ? Buffer.from(raw) : raw;
    const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw instanceof ArrayBuffer ? raw.byteLength : 0;
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const req: Req = { method, path: url.pathname + url.search, bytes, body, headers };
    const n = this.requests.push(req) - 1;
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    // Like a real fetch, an abort rejects at once, even while the "server" is still busy.
    const aborted = new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    aborted.catch(() => undefined);
    return Promise.race([aborted, (async () => {
      const pre = await this.before?.(req, n);
      if (pre === 'network') throw new TypeError('fetch failed');
      if (pre) return pre;
      if (this.dropUploadsAfter !== undefined && body instanceof Buffer && body.length > this.dropUploadsAfter && this.photoUpload(req, url, body.subarray(0, this.dropUploadsAfter))) {
        throw new TypeError('fetch failed');
      }
      const res = this.handle(req, url, body);
      const post = await this.after?.(req, n);
      if (post === 'network') throw new TypeError('fetch failed');
      return post ?? res;
    })()]);
  }) as typeof fetch;

  count(method: string, prefix: string) {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(prefix)).length;
  }

  /** A reviewer acts on a case (the changes feed). */
  review(caseId: string, status: ServerStatus, comment: string | null = null) {
    const c = this.cases.get(caseId);
    if (c) c.status = status;
    this.changes.push({ seq: this.changes.length + 1, caseId, revision: c?.revision ?? 0, status, comment, actor: 'Cán bộ xã', at: new Date(this.tick()).toISOString() });
  }

  /** Erased at the data subject's request: the feed says so, its photos go (unless another case lists them),
   *  and its PUT answers 410 from now on. */
  erase(caseId: string) {
    const c = this.cases.get(caseId)!;
    c.status = 'erased';
    const listed = new Set([...this.cases.entries()].filter(([id]) => id !== caseId).flatMap(([, o]) => o.fields.photos.flatMap((p) => [p.sha256, p.thumbSha256])));
    for (const p of c.fields.photos) for (const h of [p.sha256, p.thumbSha256]) if (!listed.has(h)) this.photos.delete(h);
    this.changes.push({ seq: this.changes.length + 1, caseId, revision: c.revision, status: 'erased', comment: null, actor: 'Ban Thi đua tỉnh', at: new Date(this.tick()).toISOString() });
  }

  /** The case edited on the server side (another device or a reviewer): a new revision. */
  editOnServer(caseId: string, change: Partial<CaseFields>) {
    const c = this.cases.get(caseId)!;
    const fields = { ...c.fields, ...change };
    this.cases.set(caseId, { ...c, fields, content: JSON.stringify(fields), revision: c.revision + 1, receivedAt: new Date(this.tick()).toISOString() });
  }

  private tick() { return (this.clock += 1000); }

  private json(status: number, value: unknown, headers: Record<string, string> = {}) {
    return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  }

  /**
   * The body of a photo PUT (from byte 0) or PATCH (at Upload-Offset) added to what the server holds of it; a
   * Response when refused (409 for another offset than it holds), undefined when the request is not an upload.
   */
  private photoUpload(req: Req, url: URL, body: Buffer): Response | true | undefined {
    const sha = /^\/api\/photos\/([0-9a-f]{64})$/.exec(url.pathname)?.[1];
    if (!sha || (req.method !== 'PUT' && req.method !== 'PATCH')) return undefined;
    const held = req.method === 'PUT' ? Buffer.alloc(0) : this.partials.get(sha) ?? Buffer.alloc(0);
    if (req.method === 'PATCH' && held.length !== Number(req.headers['upload-offset'])) {
      return this.json(409, { error: 'offset-mismatch', message: 'Sai vị trí' }, { 'Upload-Offset': String(held.length) });
    }
    this.partials.set(sha, Buffer.concat([held, body]));
    return true;
  }

  private handle(req: Req, url: URL, body: unknown): Response {
    if (!this.user) return this.json(401, { error: 'unauthenticated', message: 'Chưa đăng nhập' });
    const photo = /^\/api\/photos\/([0-9a-f]{64})$/.exec(url.pathname);
    if (photo) {
      const sha = photo[1]!;
      if (req.method === 'HEAD') {
        if (this.photos.has(sha)) return new Response(null, { status: 200 });
        return new Response(null, { status: 404, headers: { 'Upload-Offset': String(this.partials.get(sha)?.length ?? 0) } });
      }
      if (isUpload(req)) {
        const held = this.photoUpload(req, url, body as Buffer);
        if (held instanceof Response) return held;
        const whole = this.partials.get(sha)!;
        this.partials.delete(sha);
        if (whole.length < Number(req.headers['upload-length'] ?? whole.length)) return new Response(null, { status: 204, headers: { 'Upload-Offset': String(whole.length) } });
        if (createHash('sha256').update(whole).digest('hex') !== sha) return this.json(422, { error: 'hash-mismatch', message: 'Ảnh bị hỏng khi gửi' });
        const existed = this.photos.has(sha);
        this.photos.set(sha, whole);
        return new Response(null, { status: existed ? 200 : 201 });
      }
    }
    const kase = /^\/api\/cases\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (kase && req.method === 'PUT') return this.putCase(kase[1]!, body as { baseRevision: number; fields: CaseFields });
    if (url.pathname === '/api/sync/changes' && req.method === 'GET') {
      const since = Number(url.searchParams.get('since') ?? '0');
      const after = this.changes.filter((c) => c.seq > since);
      const page = after.slice(0, this.pageSize);
      return this.json(200, { changes: page, cursor: String(page.at(-1)?.seq ?? since), more: after.length > page.length });
    }
    return this.json(404, { error: 'not-found', message: 'Không tìm thấy' });
  }

  private receipt(id: string, c: StoredCase, replay: boolean): CaseReceipt {
    const total = c.fields.photos.length;
    const confirmed = c.fields.photos.filter((p) => this.photos.has(p.sha256) && this.photos.has(p.thumbSha256)).length;
    return { caseId: id, revision: c.revision, receivedAt: c.receivedAt, status: c.status, photosConfirmed: confirmed, photosTotal: total, replay };
  }

  private putCase(id: string, put: { baseRevision: number; fields: CaseFields }): Response {
    const issues = this.validate(put.fields);
    if (issues.length) return this.json(422, { error: 'invalid', message: 'Hồ sơ chưa hợp lệ', issues });
    const missing = put.fields.photos.flatMap((p) => [p.sha256, p.thumbSha256]).filter((h) => !this.photos.has(h));
    if (missing.length) return this.json(409, { error: 'missing-photos', message: 'Máy chủ chưa có đủ ảnh', missing });
    const content = JSON.stringify(put.fields);
    const existing = this.cases.get(id);
    if (existing?.status === 'erased') return this.json(410, { error: 'erased', message: 'Hồ sơ đã được xoá theo yêu cầu của người được nêu tên.' });
    if (existing && existing.content === content) return this.json(200, this.receipt(id, existing, true));
    if ((existing?.revision ?? 0) !== put.baseRevision) {
      const server: ServerCase = { caseId: id, revision: existing!.revision, status: existing!.status, fields: existing!.fields, updatedAt: existing!.receivedAt };
      return this.json(409, { error: 'conflict', message: 'Hồ sơ đã thay đổi trên máy chủ', server });
    }
    const stored: StoredCase = {
      revision: put.baseRevision + 1, fields: put.fields, content, status: 'received',
      receivedAt: new Date(this.tick()).toISOString(), owner: this.user!,
    };
    this.cases.set(id, stored);
    return this.json(existing ? 200 : 201, this.receipt(id, stored, false));
  }
}
