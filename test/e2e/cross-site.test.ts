// A page on another origin (same machine, another port: same site, so the SameSite cookie goes along) tries
// to act for the signed-in user: a credentialed fetch and a plain form POST. The server refuses both (403),
// and the user is still signed in.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORD } from '../support/api-client';
import { launchBrowser, newDesktopContext } from '../support/browser';
import { startServerProcess } from '../support/server-process';
import { serveDist } from '../support/static-server';
import { until } from '../support/wait';

test('another origin\'s page cannot sign the user out, by fetch or by form; the app itself still can', async () => {
  const server = await startServerProcess();
  const other = await serveDist();
  const browser = await launchBrowser();
  try {
    const user = await server.createUser({ username: 'vang.a.su', password: PASSWORD, role: 'reporter', area: '03637' });
    const context = await newDesktopContext(browser, server.url);
    const app = await context.newPage();
    await app.goto('/manifest.webmanifest');
    const me = () => app.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
    const signIn = await app.evaluate((password) => fetch('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vang.a.su', password }),
    }).then((r) => r.status), PASSWORD);
    assert.is(signIn, 200, 'the app\'s own page signs in');
    assert.is(await me(), 200);
    const sessions = async () => (await server.db().selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute()).length;
    assert.is(await sessions(), 1);

    const evil = await context.newPage();
    await evil.goto(`${other.url}/manifest.webmanifest`);
    assert.ok(new URL(evil.url()).origin !== server.url);
    const refused = (from: number) => server.logs().slice(from).some((l) => l.includes('"path":"/api/auth/logout"') && l.includes('"status":403'));

    let seen = server.logs().length;
    // The answer never reaches the page (opaque, and Cross-Origin-Resource-Policy blocks it): the server's log says.
    await evil.evaluate((target) => fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include' }).then(() => {}, () => {}), `${server.url}/api/auth/logout`);
    await until(() => refused(seen), 'the server to refuse the cross-origin fetch');
    assert.is(await me(), 200, 'still signed in after the fetch');

    seen = server.logs().length;
    const [answer] = await Promise.all([
      evil.waitForNavigation(),
      evil.evaluate((target) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = target;
        document.body.append(form);
        form.submit();
      }, `${server.url}/api/auth/logout`),
    ]);
    assert.is(answer?.status(), 403);
    assert.match(await evil.locator('body').innerText(), 'trang khác');
    assert.ok(refused(seen));
    assert.is(await me(), 200, 'still signed in after the form');
    assert.is(await sessions(), 1, 'the session is intact');

    const out = await app.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }).then((r) => r.status));
    assert.is(out, 200, 'the app\'s own page signs out');
    assert.is(await me(), 401);
  } finally {
    await browser.close();
    await other.close();
    await server.dispose();
  }
});

test.run();
