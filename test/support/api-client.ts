// The server's API from the test process: a request helper, and clients that keep a session cookie. The one
// way any test or bench signs in through the API.
import { randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../src/shared/sync-protocol';
import type { ServerProcess } from './server-process';

/** The password of every account the tests make (unless a test is about passwords). */
export const PASSWORD = 'mat-khau-thu-nghiem-2026';

/** Whatever serves the API: a server process, or a server started in this process. */
export interface ApiBase { readonly url: string }

export interface Reply<T = any> { status: number; headers: Headers; body: T; text: string }

export interface RequestOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit | Uint8Array;
  headers?: Record<string, string>;
  cookie?: string;
}

export async function call<T = any>(server: ApiBase, path: string, o: RequestOptions = {}): Promise<Reply<T>> {
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

export function sessionCookie(headers: Headers): string {
  // __Host-gs_session when the server's PUBLIC_URL is https.
  const set = headers.getSetCookie().find((c) => /^(__Host-)?gs_session=/.test(c));
  if (!set) throw new Error('no session cookie');
  return set.split(';')[0]!;
}

/** POST /api/auth/login, the reply as it comes (for the tests of signing in itself). */
export const postLogin = (server: ApiBase, username: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Reply> =>
  call(server, '/api/auth/login', { method: 'POST', json: { username, password }, headers });

/** Signs an existing account in; throws unless the server said yes. */
export async function logIn(server: ApiBase, username: string, password = PASSWORD): Promise<Client> {
  const res = await postLogin(server, username, password);
  if (res.status !== 200) throw new Error(`${username} could not sign in: ${res.status} ${res.text}`);
  const cookie = sessionCookie(res.headers);
  return { user: res.body.user as SessionUser, cookie, call: (path, o = {}) => call(server, path, { ...o, cookie }) };
}

let userCount = 0;

/** A new account of `role` in `area` (a made-up username unless given), signed in. */
export async function signedIn(server: ServerProcess, role: Role = 'reporter', area = '03637', username?: string): Promise<Client> {
  const name = username ?? `${role.replace(/-.*/, '')}${++userCount}_${randomBytes(3).toString('hex')}`;
  await server.createUser({ username: name, password: PASSWORD, role, area, displayName: `Người dùng ${name}` });
  return logIn(server, name);
}
