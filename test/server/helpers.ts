// Shared by the server test files: a suite per database, an HTTP client that keeps a cookie, test JPEGs.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { suite, type Test } from 'uvu';
import type { CaseFields, PhotoRef } from '../../src/shared/case-schema';
import type { Role, SessionUser } from '../../src/shared/sync-protocol';
import { rowCounts } from '../../src/server/db/migrations';
import { completeDraft } from '../support/case-fixtures';
import { DATABASE_KINDS, type DatabaseKind } from '../support/databases';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from '../support/server-process';

export interface Ctx { server: ServerProcess; kind: DatabaseKind }

/** The same tests against SQLite and PostgreSQL: one uvu suite per database, each with its own server. */
export function forEachDatabase(name: string, define: (test: Test<Ctx>) => void, options: Omit<ServerProcessOptions, 'database'> = {}): void {
  for (const kind of DATABASE_KINDS) {
    const s = suite<Ctx>(`${name} [${kind}]`, { kind } as Ctx);
    s.before(async (ctx) => {
      ctx.server = await startServerProcess({ ...options, database: kind });
    });
    s.after(async (ctx) => {
      await ctx.server?.dispose();
    });
    define(s);
    s.run();
  }
}

export interface Reply<T = any> { status: number; headers: Headers; body: T; text: string }

export interface RequestOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit | Uint8Array;
  headers?: Record<string, string>;
  cookie?: string;
}

export async function call<T = any>(server: ServerProcess, path: string, o: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...o.headers };
  let body = o.body as BodyInit | undefined;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  }
  if (o.cookie) headers.cookie = o.cookie;
  const res = await fetch(server.url + path, { method: o.method ?? 'GET', headers, body, redirect: 'manual' })
    .catch((err: Error) => { throw new Error(`${o.method ?? 'GET'} ${path.slice(0, 80)}: ${err.message} (${String(err.cause)})`); });
  const text = await res.text();
  let parsed: unknown = undefined;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A signed-in client: its requests carry the session cookie. */
export interface Client {
  user: SessionUser;
  cookie: string;
  call<T = any>(path: string, o?: RequestOptions): Promise<Reply<T>>;
}

let userCount = 0;

export async function signedIn(server: ServerProcess, role: Role = 'reporter', area = '03637', username?: string): Promise<Client> {
  const name = username ?? `${role.replace(/-.*/, '')}${++userCount}_${randomBytes(3).toString('hex')}`;
  const password = 'mat-khau-thu-nghiem';
  const user = await server.createUser({ username: name, password, role, area, displayName: `Người dùng ${name}` });
  const res = await call(server, '/api/auth/login', { method: 'POST', json: { username: name, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  const cookie = sessionCookie(res.headers);
  return { user, cookie, call: (path, o = {}) => call(server, path, { ...o, cookie }) };
}

export function sessionCookie(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith('gs_session='));
  if (!set) throw new Error('no session cookie');
  return set.split(';')[0]!;
}

// ---- JPEGs -------------------------------------------------------------------------------------

/**
 * Bytes the server accepts as a JPEG: SOI, APP0, DQT, SOF0 (the size), DHT, SOS, then filler "scan data" to the
 * requested length and EOI. Not decodable, which the server never needs: it reads headers only.
 */
export function fakeJpeg(width = 1600, height = 1200, totalBytes = 4000, seed = randomBytes(8)): Buffer {
  const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const head = Buffer.from([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...seg(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...seg(0xc4, [0, ...new Array<number>(16).fill(0)]),
    ...seg(0xda, [1, 1, 0, 0, 63, 0]),
  ]);
  const fill = Math.max(0, totalBytes - head.length - 2 - seed.length);
  const filler = randomBytes(fill).map((b) => (b === 0xff ? 0xfe : b));
  return Buffer.concat([head, seed.map((b) => (b === 0xff ? 0xfe : b)), filler, Buffer.from([0xff, 0xd9])]);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function putPhoto(client: Client, bytes: Uint8Array, hash = sha256(bytes), contentType = 'image/jpeg'): Promise<Reply> {
  return client.call(`/api/photos/${hash}`, { method: 'PUT', body: bytes, headers: { 'content-type': contentType } });
}

/** A photo and its thumbnail, uploaded; the PhotoRef a case names them by. */
export async function uploadedPhoto(client: Client, caption = 'Ảnh hiện trường'): Promise<PhotoRef> {
  const photo = fakeJpeg(1600, 1200, 6000);
  const thumb = fakeJpeg(320, 240, 1500);
  for (const bytes of [photo, thumb]) {
    const r = await putPhoto(client, bytes);
    if (r.status !== 201 && r.status !== 200) throw new Error(`photo upload failed: ${r.status} ${r.text}`);
  }
  return { sha256: sha256(photo), caption, width: 1600, height: 1200, bytes: photo.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length };
}

export function caseFields(over: Partial<CaseFields> = {}): CaseFields {
  return { ...completeDraft(), ...over } as CaseFields;
}

export const newCaseId = (): string => {
  // A UUIDv7-shaped id (version 7, RFC variant), as the phone makes.
  const hex = randomUUID().replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

export async function counts(server: ServerProcess): Promise<Record<string, number>> {
  return rowCounts(server.db());
}

/** A GET with the path exactly as written: no normalisation of dot segments or encodings by the client. */
export function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}
