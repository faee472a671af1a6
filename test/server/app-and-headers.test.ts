// Health, security headers on API and app responses, the built app with SPA fallback and caching headers.
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forEachDatabase, rawGet } from './helpers';
import { call, signedIn } from '../support/api-client';

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
  test('health checks the database and names it', async ({ server, kind }) => {
    const r = await call(server, '/api/health');
    assert.is(r.status, 200);
    assert.equal(r.body, { ok: true, db: kind });
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

  test('HSTS only when a trusted proxy says https', async ({ server }) => {
    // This server does not trust proxies: the header is ignored.
    const r = await call(server, '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    assert.is(r.headers.get('strict-transport-security'), null);
  });
});
