// Health, security headers on API and app responses, the built app with SPA fallback and caching headers;
// cross-site requests refused; cookies, HSTS and caching as PUBLIC_URL and TRUST_PROXY say, never as a request says.
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forEachDatabase, rawGet } from './helpers';
import { call, logIn, PASSWORD, postLogin, signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { uploadedPhoto } from '../support/photo-uploads';
import { createCase } from '../support/review-fixtures';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const indexHtml = readFileSync(`${DIST}index.html`, 'utf8');
const firstAsset = /src="(\/assets\/[^"]+\.js)"/.exec(indexHtml)?.[1] ?? '';

function assertSecurityHeaders(headers: Headers, what: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  assert.ok(csp.includes("default-src 'self'"), `${what}: CSP default-src`);
  assert.ok(csp.includes("frame-ancestors 'none'"), `${what}: CSP frame-ancestors`);
  assert.ok(csp.includes("object-src 'none'"), `${what}: CSP object-src`);
  assert.not.ok(csp.includes('unsafe-inline'), `${what}: no unsafe-inline`);
  assert.not.ok(csp.includes('unsafe-eval'), `${what}: no unsafe-eval`);
  assert.is(headers.get('x-content-type-options'), 'nosniff', what);
  assert.ok(['no-referrer', 'same-origin'].includes(headers.get('referrer-policy') ?? ''), `${what}: referrer policy`);
  assert.is(headers.get('x-frame-options'), 'DENY', what);
  assert.is(headers.get('cross-origin-resource-policy'), 'same-origin', `${what}: not embeddable by other sites`);
  assert.is(headers.get('strict-transport-security'), null, `${what}: no HSTS over http`);
}

forEachDatabase('app and headers', (test) => {
  test('health checks the database and names it, and reports the data disk', async ({ server, kind }) => {
    const r = await call(server, '/api/health');
    assert.is(r.status, 200);
    const { disk, ...rest } = r.body;
    assert.equal(rest, { ok: true, status: 'ok', db: kind });
    assert.is(disk.low, false);
    assert.ok(disk.freeBytes > disk.reserveBytes && disk.totalBytes >= disk.freeBytes, JSON.stringify(disk));
  });

  test('security headers on API answers, errors, app files and the SPA fallback', async ({ server }) => {
    const reporter = await signedIn(server);
    const answers = {
      health: await call(server, '/api/health'),
      me: await reporter.call('/api/auth/me'),
      unauthenticated: await call(server, '/api/auth/me'),
      'api 404': await call(server, '/api/nothing-here'),
      'bad json': await reporter.call('/api/auth/login', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }),
      index: await call(server, '/'),
      asset: await call(server, firstAsset),
      'spa route': await call(server, '/cases/123'),
      'missing asset': await call(server, '/assets/nope-123.js'),
    };
    for (const [what, r] of Object.entries(answers)) assertSecurityHeaders(r.headers, what);
  });

  test('the app: index and SPA fallback are revalidated; hashed assets immutable; a missing asset is a 404', async ({ server }) => {
    const index = await call(server, '/');
    assert.is(index.status, 200);
    assert.is(index.text, indexHtml);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.is(index.headers.get('cache-control'), 'no-cache');
    assert.ok(index.headers.get('etag'));

    for (const route of ['/cases/019a0000-0000-7000-8000-000000000000', '/settings', '/review/queue']) {
      const r = await call(server, route);
      assert.is(r.status, 200, route);
      assert.is(r.text, indexHtml, route);
      assert.is(r.headers.get('cache-control'), 'no-cache', route);
    }
    const asset = await call(server, firstAsset);
    assert.is(asset.status, 200);
    assert.is(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(asset.headers.get('content-type') ?? '', /text\/javascript/);
    assert.is(asset.text, readFileSync(DIST + firstAsset.slice(1), 'utf8'));

    for (const file of ['/sw.js', '/manifest.webmanifest', '/index.html']) {
      const r = await call(server, file);
      assert.is(r.status, 200, file);
      assert.is(r.headers.get('cache-control'), 'no-cache', file);
    }
    assert.match((await call(server, '/manifest.webmanifest')).headers.get('content-type') ?? '', /manifest\+json/);

    const missing = await call(server, '/assets/nope-123.js');
    assert.is(missing.status, 404);
    assert.not.match(missing.text, /<html/);
  });

  test('revalidation answers 304, and text is compressed when the browser accepts it', async ({ server }) => {
    const first = await call(server, '/sw.js');
    const again = await call(server, '/sw.js', { headers: { 'if-none-match': first.headers.get('etag')! } });
    assert.is(again.status, 304);
    const raw = await fetch(`${server.url}${firstAsset}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.is(raw.headers.get('content-encoding'), 'gzip');
    assert.is(await raw.text(), readFileSync(DIST + firstAsset.slice(1), 'utf8'));
  });

  test('paths that try to leave the app folder never reach a file outside it', async ({ server }) => {
    // Sent as written (fetch would normalise dot segments before they reach the server).
    for (const path of ['/..%2F..%2Fetc%2Fpasswd', '/../../etc/passwd', '/%2e%2e/%2e%2e/package.json', '/assets/..%2F..%2Fpackage.json', '/assets%5C..%5Cpackage.json', '/a%00b', '/%E0%A4%A']) {
      const r = await rawGet(server.url, path);
      assert.not.match(r.text, /root:|"name": "guong-sang"/, path);
      assert.ok(r.status === 404 || (r.status === 200 && r.text === indexHtml), `${path}: ${r.status}`);
    }
    assert.is((await rawGet(server.url, '/..%2F..%2Fetc%2Fpasswd')).status, 404);
  });

  test('unknown API paths are JSON 404s, not the app', async ({ server }) => {
    const r = await call(server, '/api/does/not/exist');
    assert.is(r.status, 404);
    assert.is(r.body.error, 'not-found');
  });

  test('TRUST_PROXY: only the proxy\'s own value counts; a forwarded "https" from the client brings no HSTS or Secure cookie', async ({ server }) => {
    // The client sent "https"; our proxy, which the client reached over http, appended "http".
    const forged = { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'evil.example' };
    const r = await call(server, '/api/health', { headers: forged });
    assert.is(r.headers.get('strict-transport-security'), null);
    const reporter = await signedIn(server);
    const login = await postLogin(server, reporter.user.username, PASSWORD, forged);
    assert.is(login.status, 200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('gs_session='))!;
    assert.not.match(cookie, /;\s*secure/i);
  });

  test('API answers are never stored by a cache; app answers keep their own caching', async ({ server }) => {
    const reporter = await signedIn(server);
    const answers = {
      me: await reporter.call('/api/auth/me'),
      unauthenticated: await call(server, '/api/auth/me'),
      'api 404': await call(server, '/api/nothing-here'),
      health: await call(server, '/api/health'),
      login: await postLogin(server, reporter.user.username),
      sync: await reporter.call('/api/sync/changes'),
    };
    for (const [what, r] of Object.entries(answers)) assert.is(r.headers.get('cache-control'), 'no-store', what);
    assert.is((await call(server, '/')).headers.get('cache-control'), 'no-cache');
  });

  test('photos: private, a short max-age, revalidated by ETag (not a year on a shared office PC)', async ({ server }) => {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    await createCase(reporter, { photos: [photo] });
    const r = await reporter.call(`/api/photos/${photo.sha256}`);
    assert.is(r.status, 200);
    const cache = r.headers.get('cache-control') ?? '';
    assert.match(cache, /^private\b/);
    assert.match(cache, /must-revalidate|no-cache/);
    assert.not.match(cache, /immutable/);
    const maxAge = Number(/max-age=(\d+)/.exec(cache)?.[1] ?? 0);
    assert.ok(maxAge <= 600, cache);
    const etag = r.headers.get('etag')!;
    assert.ok(etag);
    assert.is((await reporter.call(`/api/photos/${photo.sha256}`, { headers: { 'if-none-match': etag } })).status, 304);
  });

  test('cross-site: a state-changing request from another origin or site → 403 in Vietnamese, nothing changed', async ({ server }) => {
    const reporter = await signedIn(server);
    const cases = async () => (await server.db().selectFrom('cases').select('id').execute()).length;
    const before = await cases();
    const put = (headers: Record<string, string>) => reporter.call(`/api/cases/${newCaseId()}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields() }, headers });
    const refused = {
      'other origin': await put({ origin: 'https://evil.example' }),
      'sibling port': await put({ origin: server.url.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`) }),
      'opaque origin': await put({ origin: 'null' }),
      'cross-site, no Origin': await put({ 'sec-fetch-site': 'cross-site' }),
      'same-site subdomain': await put({ 'sec-fetch-site': 'same-site' }),
      logout: await reporter.call('/api/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } }),
      login: await postLogin(server, reporter.user.username, PASSWORD, { origin: 'https://evil.example' }),
    };
    for (const [what, r] of Object.entries(refused)) {
      assert.is(r.status, 403, what);
      assert.is(r.body.error, 'forbidden', what);
      assert.match(r.body.message, 'trang khác', what);
    }
    assert.is(refused.login.headers.getSetCookie().length, 0, 'no session from a cross-site login');
    assert.is(await cases(), before, 'no case written');
    assert.is((await reporter.call('/api/auth/me')).status, 200, 'still signed in');

    // The app itself, and clients that send no Origin (the CLI, curl), pass; reading is never refused.
    assert.is((await put({ origin: server.url, 'sec-fetch-site': 'same-origin' })).status, 201);
    assert.is((await put({})).status, 201);
    assert.is((await reporter.call('/api/auth/me', { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status, 200);
    assert.is(await cases(), before + 2);
  });
}, { env: { TRUST_PROXY: '1' } });

forEachDatabase('served over https (PUBLIC_URL), behind a proxy', (test) => {
  const PUBLIC = 'https://guongsang.example';
  let reporter: Client;

  test('the session cookie is __Host-, Secure, host-only, path /; it signs in and out', async ({ server }) => {
    reporter = await signedIn(server);
    const login = await postLogin(server, reporter.user.username);
    const set = login.headers.getSetCookie();
    assert.is(set.length, 1);
    assert.match(set[0]!, /^__Host-gs_session=[^;]+;/);
    assert.match(set[0]!, /;\s*Secure/i);
    assert.match(set[0]!, /;\s*HttpOnly/i);
    assert.match(set[0]!, /;\s*SameSite=Strict/i);
    assert.match(set[0]!, /;\s*Path=\/(;|$)/);
    assert.not.match(set[0]!, /Domain=/i);
    const client = await logIn(server, reporter.user.username);
    assert.match(client.cookie, /^__Host-gs_session=/);
    assert.is((await client.call('/api/auth/me')).status, 200);
    assert.is((await call(server, '/api/auth/me', { cookie: client.cookie.replace('__Host-', '') })).status, 401, 'the unprefixed name is not read');
    const out = await client.call('/api/auth/logout', { method: 'POST', headers: { origin: PUBLIC } });
    assert.is(out.status, 200);
    assert.match(out.headers.getSetCookie()[0] ?? '', /^__Host-gs_session=;.*Max-Age=0/i);
    assert.is((await client.call('/api/auth/me')).status, 401);
  });

  test('HSTS on every answer, whatever the request looked like (plain http from the proxy, a forwarded "http")', async ({ server }) => {
    for (const [path, headers] of [['/api/health', {}], ['/', {}], ['/ban-tin', { 'x-forwarded-proto': 'http' }], ['/api/nothing', {}]] as const) {
      const r = await call(server, path, { headers });
      assert.match(r.headers.get('strict-transport-security') ?? '', /^max-age=\d{7,}/, path);
    }
  });

  test('the Origin that counts is PUBLIC_URL\'s, not the address the server was reached at', async ({ server }) => {
    const asApp = await reporter.call('/api/auth/logout', { method: 'POST', headers: { origin: server.url } });
    assert.is(asApp.status, 403);
  });
}, { env: { PUBLIC_URL: 'https://guongsang.example', TRUST_PROXY: '1' } });
