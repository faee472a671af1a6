// The installed shell in real Chromium: after one online visit every app route opens with no network;
// a new version waits for the user's "Cập nhật", then reloads exactly once. Needs dist/ (npm run build).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { serveDist, type Served } from '../support/static-server';
import { serveUpdatableDist, type UpdatableServer } from '../support/updatable-server';
import { until } from '../support/wait';

let browser: Browser | undefined;
let served: Served | undefined;
let updatable: UpdatableServer | undefined;
const contexts: BrowserContext[] = [];

test.before(async () => {
  browser = await launchBrowser();
});

test.after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await served?.close().catch(() => undefined);
  await updatable?.close().catch(() => undefined);
});

async function phone(baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhoneContext(browser!, baseURL);
  contexts.push(context);
  return { context, page: await context.newPage() };
}

/** First visit: wait until the service worker has precached everything and controls the page. */
async function installed(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function visibleH1(page: Page): Promise<string> {
  const h1 = page.locator('h1').first();
  await h1.waitFor({ state: 'visible' });
  return (await h1.textContent())?.trim() ?? '';
}

const hasWaitingWorker = (page: Page) =>
  page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null);

const checkForUpdate = (page: Page) =>
  page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });

/** Counts full page loads from now on; the window marker disappears on any reload. */
async function watchReloads(page: Page): Promise<{ loads: () => number; sameDocument: () => Promise<boolean> }> {
  let loads = 0;
  page.on('load', () => loads++);
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  return {
    loads: () => loads,
    sameDocument: () => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true),
  };
}

/**
 * The new version has taken this page over: its controller is the worker that was waiting, now activated.
 * From here no controllerchange is left to come, so nothing else can reload the page.
 */
const takenOver = (page: Page) => page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated' &&
  (window as unknown as { __controllerBefore?: ServiceWorker | null }).__controllerBefore !== navigator.serviceWorker.controller);

/** Remembers this document's controller, for takenOver(). */
const noteController = (page: Page) => page.evaluate(() => {
  (window as unknown as { __controllerBefore: ServiceWorker | null }).__controllerBefore = navigator.serviceWorker.controller;
});

test('after one online visit, every app route opens offline', async () => {
  served = await serveDist();
  const { context, page } = await phone(served.url);
  await installed(page);

  await context.setOffline(true);
  await page.reload();
  assert.is(await visibleH1(page), 'Hồ sơ người tốt, việc tốt');

  for (const path of ['/bo-nho', '/ho-so/does-not-exist']) {
    // Chromium's own offline page would make goto() throw net::ERR_INTERNET_DISCONNECTED.
    const res = await page.goto(path);
    assert.ok(res?.ok(), `${path}: HTTP ${res?.status()}`);
    assert.ok((await visibleH1(page)).length > 0, `${path} shows a heading offline`);
    assert.is(new URL(page.url()).pathname, path);
  }

  // The API and files opened directly are never answered with the app shell.
  for (const path of ['/api/cases', '/tai-lieu/huong-dan.pdf']) {
    const got = await page.goto(path).then(
      (r) => `HTTP ${r?.status()}`,
      (e: Error) => e.message,
    );
    assert.match(got, /ERR_INTERNET_DISCONNECTED|ERR_FAILED/, `${path} offline gave ${got}`);
  }
});

test('a new version waits for "Cập nhật", then reloads once', async () => {
  updatable = await serveUpdatableDist();
  const { page } = await phone(updatable.url);
  await installed(page);
  await visibleH1(page);

  updatable.setSwVersion('v2');
  const reloads = await watchReloads(page);
  await checkForUpdate(page);
  const banner = page.getByRole('status').filter({ hasText: 'Có phiên bản mới' });
  await banner.waitFor({ state: 'visible' });

  // Nothing happens by itself: the new version waits (installed, not activating), the page is the same document.
  assert.ok(await hasWaitingWorker(page), 'the new service worker is waiting');
  assert.is(reloads.loads(), 0, 'no reload before the user agreed');
  assert.ok(await reloads.sameDocument());

  // A reload by the user does not apply it either, and the banner comes back.
  await page.reload();
  await banner.waitFor({ state: 'visible' });
  assert.ok(await hasWaitingWorker(page), 'still waiting after a plain reload');

  const after = await watchReloads(page);
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Cập nhật' }).click(),
  ]);
  await visibleH1(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated'); // no takeover left to reload for
  assert.is(after.loads(), 1, 'exactly one reload');
  assert.not.ok(await after.sameDocument(), 'the page was reloaded');
  assert.not.ok(await hasWaitingWorker(page), 'the new version is active, nothing waits');
  assert.is(await banner.count(), 0, 'the banner is gone');
});

test('an update never loses a draft: the change typed just before "Cập nhật" is there after the reload', async () => {
  updatable ??= await serveUpdatableDist();
  updatable.setSwVersion('');
  const { page } = await phone(updatable.url);
  // Switch off the app's unload safety nets (saves on pagehide / hidden), which a reload may not let finish
  // on a slow phone: the draft must be saved before the update, not rescued during the unload.
  await page.addInitScript(`
    const stop = (e) => e.stopImmediatePropagation();
    window.addEventListener('pagehide', stop, true);
    document.addEventListener('visibilitychange', stop, true);
  `);
  await installed(page);
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[^/]+$/);
  const name = page.getByLabel('Họ và tên');
  await name.waitFor({ state: 'visible' });

  updatable.setSwVersion('v-draft');
  await checkForUpdate(page);
  await page.getByRole('status').filter({ hasText: 'Có phiên bản mới' }).waitFor({ state: 'visible' });

  // Typed and applied at once, while the autosave is still pending. (The autosave timer may still win the race
  // against the service worker's activation, so this guards the outcome, not which save wrote it.)
  await name.fill('Lò Thị Mai');
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Cập nhật' }).click(),
  ]);
  let value = '';
  await until(async () => (value = await name.inputValue().catch(() => '')) === 'Lò Thị Mai', () => `the draft's name after the update (the field holds "${value}")`);
  assert.is(value, 'Lò Thị Mai');
});

test('an update applied in another tab leaves this tab alone until its own "Cập nhật"', async () => {
  updatable ??= await serveUpdatableDist();
  updatable.setSwVersion('');
  const { context, page: first } = await phone(updatable.url);
  await installed(first);
  const second = await context.newPage();
  await second.goto('/');
  await visibleH1(second);

  updatable.setSwVersion('v3');
  const secondReloads = await watchReloads(second);
  await noteController(second);
  await checkForUpdate(first);
  for (const p of [first, second]) {
    await p.getByRole('status').filter({ hasText: 'Có phiên bản mới' }).waitFor({ state: 'visible' });
  }

  await Promise.all([first.waitForEvent('load'), first.getByRole('button', { name: 'Cập nhật' }).click()]);
  await takenOver(second); // the moment it would have been reloaded, if it were
  assert.is(secondReloads.loads(), 0, 'the other tab was not reloaded under the user');
  assert.ok(await secondReloads.sameDocument());
  assert.ok(await second.getByRole('button', { name: 'Cập nhật' }).isVisible(), 'the other tab still offers the reload');

  await Promise.all([second.waitForEvent('load'), second.getByRole('button', { name: 'Cập nhật' }).click()]);
  await visibleH1(second);
  assert.is(secondReloads.loads(), 1);
});

test('"Cài đặt ứng dụng" appears only when the browser offers installation, and disappears after', async () => {
  served ??= await serveDist();
  const { page } = await phone(served.url);
  // A string, not a function: tsx would wrap the inner functions in a `__name` helper the page lacks.
  const offer = () =>
    page.evaluate<boolean>(`(() => {
      const event = new Event('beforeinstallprompt', { cancelable: true });
      event.prompt = async () => { window.__prompted = true; };
      event.userChoice = Promise.resolve({ outcome: 'accepted' });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    })()`);
  const button = page.getByRole('button', { name: 'Cài đặt ứng dụng' });

  // The app's frame shows the button (on every screen).
  await page.goto('/');
  await visibleH1(page);
  assert.is(await button.count(), 0, 'no install button before the browser offers it');
  assert.ok(await offer(), 'the browser prompt is deferred (preventDefault)');
  await button.waitFor({ state: 'visible' });

  await button.click();
  assert.ok(await page.evaluate(() => (window as unknown as { __prompted?: boolean }).__prompted === true), 'prompt() was called');
  await button.waitFor({ state: 'detached' });

  await offer();
  await button.waitFor({ state: 'visible' });
  await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
  await button.waitFor({ state: 'detached' });
});

test.run();
