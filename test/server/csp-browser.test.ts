// The built app under the server's Content-Security-Policy, in real Chromium: no violation while the app
// starts, installs its service worker, signs in through the API and opens its lazy screens. (Headers do not
// depend on the database: SQLite only.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { collectCspViolations } from '../support/csp-violations';
import { startServerProcess, type ServerProcess } from '../support/server-process';

let browser: Browser | undefined;
let server: ServerProcess | undefined;

test.before(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ database: 'sqlite' })]);
});

test.after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.dispose();
});

test('no CSP violation: start, service worker, sign-in request, lazy screens', async () => {
  await server!.createUser({ username: 'csp.reporter', password: 'mat-khau-csp', role: 'reporter', area: '03637', displayName: 'Lò Văn Kiểm' });
  const context = await newPhoneContext(browser!, server!.url);
  const violations = await collectCspViolations(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));

  const response = await page.goto('/');
  assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'self'/);
  await page.locator('h1').first().waitFor({ state: 'visible' });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const login = await page.evaluate(async () => {
    const r = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'csp.reporter', password: 'mat-khau-csp' }) });
    return r.status;
  });
  assert.is(login, 200);
  for (const path of ['/bo-nho', '/dang-nhap', '/']) {
    await page.goto(path);
    await page.locator('h1').first().waitFor({ state: 'visible' });
  }
  const icons = await page.evaluate(async () => (await fetch('/icons/icon-192.png')).status);
  assert.is(icons, 200);
  assert.equal(violations, []);
  await context.close();
});

test.run();
