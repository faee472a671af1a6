// The shipped Caddyfile and nginx site in front of the real server (PUBLIC_URL https://localhost:PORT,
// TRUST_PROXY=1, as guong-sang.service sets them): the client connects from 127.0.0.2, the proxy from 127.0.0.1,
// so the address the server records for a failed sign-in says which one it trusted. Through the proxy the server
// is the https app PUBLIC_URL names (Secure __Host- cookie, HSTS, the Origin check); /metrics never reaches it.
import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { PASSWORD } from '../support/api-client';
import { DATABASE_KINDS } from '../support/databases';
import { caddy, nginx, viaProxy, type ProxyKind, type RunningProxy } from '../support/deploy-proxies';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process';

const CLIENT = '127.0.0.2';
const FORGED = '203.0.113.9';

const throttleKeys = async (server: ServerProcess): Promise<string[]> =>
  (await server.db().selectFrom('login_throttle').select('key').execute()).map((r) => r.key).sort();

/** What came from the server carries its headers; a proxy's own answer does not. */
const fromServer = (headers: Record<string, unknown>) => 'content-security-policy' in headers;

async function checkThrough(proxy: RunningProxy, server: ServerProcess): Promise<void> {
  const origin = { origin: proxy.url, 'content-type': 'application/json' };
  const username = `proxy-${proxy.name.toLowerCase()}-${Date.now()}`;
  await server.createUser({ username, password: PASSWORD, role: 'reporter', area: '03637' });
  await server.db().deleteFrom('login_throttle').execute();

  // A wrong password, with an X-Forwarded-For the client made up: counted against the address the proxy saw.
  const refused = await viaProxy(proxy, '/api/auth/login', {
    method: 'POST', headers: { ...origin, 'x-forwarded-for': FORGED }, body: JSON.stringify({ username, password: 'sai-mat-khau' }),
  });
  assert.is(refused.status, 401, refused.text);
  assert.equal(await throttleKeys(server), [`a:${CLIENT}`, `p:${CLIENT} ${username}`], 'the client\'s address, not the proxy\'s or a forged one');

  // The right one: a session cookie only https keeps, and HSTS, because PUBLIC_URL is https.
  const signedIn = await viaProxy(proxy, '/api/auth/login', {
    method: 'POST', headers: origin, body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.is(signedIn.status, 200, signedIn.text);
  const cookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-gs_session='));
  assert.ok(cookie && /;\s*Secure/i.test(cookie), `a __Host- Secure session cookie: ${String(signedIn.headers['set-cookie'])}`);
  assert.match(String(signedIn.headers['strict-transport-security']), /max-age=/);

  // The Origin a browser on the public address sends passes the proxy unchanged; another is still refused.
  const otherOrigin = await viaProxy(proxy, '/api/auth/login', {
    method: 'POST', headers: { ...origin, origin: server.url }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.is(otherOrigin.status, 403, otherOrigin.text);

  // /metrics, however spelled, is answered by the proxy; a neighbouring path reaches the server.
  for (const path of ['/metrics', '/metrics/', '/metrics?x=1', '/%6detrics', '/metrics/../metrics']) {
    const res = await viaProxy(proxy, path);
    assert.is(res.status, 404, `${path}: ${res.status}`);
    assert.not.ok(fromServer(res.headers), `${path} never reaches the server`);
  }
  const neighbour = await viaProxy(proxy, '/api/no-such-route');
  assert.ok(fromServer(neighbour.headers), 'other paths reach the server');

  // A body beyond the proxy's limit (10 MB, above the server's 8 MiB photo) is refused before the server.
  const huge = await viaProxy(proxy, '/api/auth/login', { method: 'POST', headers: origin, body: Buffer.alloc(11_000_000, 0x20) });
  assert.is(huge.status, 413, `${huge.status} ${huge.text.slice(0, 200)}`);
}

for (const kind of DATABASE_KINDS) {
  const test = suite<{ server: ServerProcess; port: number }>(`deploy: proxies in front of the server [${kind}]`);

  test.before(async (ctx) => {
    // Both proxies take turns on one port: the server's PUBLIC_URL is fixed at its start.
    ctx.port = await freePort();
    ctx.server = await startServerProcess({
      database: kind, env: { PUBLIC_URL: `https://localhost:${ctx.port}`, TRUST_PROXY: '1', NODE_ENV: 'production' },
    });
  });
  test.after(async (ctx) => {
    await ctx.server?.dispose();
  });

  for (const kindOfProxy of [caddy, nginx] as ProxyKind[]) {
    test(`${kindOfProxy.name}: the client's address and https reach the server; /metrics and oversized bodies do not`, async ({ server, port }) => {
      const upstream = new URL(server.url).host;
      const proxy = await kindOfProxy.start(port, upstream);
      try {
        await checkThrough(proxy, server);
      } finally {
        await proxy.stop();
      }
    });
  }

  test.run();
}
