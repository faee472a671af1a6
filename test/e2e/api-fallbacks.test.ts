// The supported floor (README "Điện thoại hỗ trợ"): the reporter's whole flow — sign in, record a case with a photo,
// send it, see the receipt — with each newer API removed before the app loads; without Web Crypto the app does not
// start and says to use https; below the floor a Vietnamese page says which browser to use, never a blank screen.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { fillCaseForm } from '../support/form';
import { photoFixtureFile } from '../support/photo-fixtures';
import { openSignedIn } from '../support/sign-in';
import { readSetting } from '../support/app-db';
import { startSyncServer, waitForCase } from '../support/sync-harness';
import { until } from '../support/wait';
import type { ServerProcess } from '../support/server-process';
import { LEASE_KEY } from '../../src/sync/lease';

/** Runs in the page before any of its scripts: what an older browser lacks, removed. */
const REMOVE = {
  imageDecoder: () => {
    delete (window as { ImageDecoder?: unknown }).ImageDecoder;
    // What the page asks the photo worker for, kept to be read by the test.
    const post = Worker.prototype.postMessage;
    const asked: unknown[] = ((window as { askedDecoders?: unknown[] }).askedDecoders = []);
    Worker.prototype.postMessage = function (this: Worker, message: { decoder?: unknown }, transfer?: Transferable[]) {
      asked.push(message?.decoder);
      return (post as (m: unknown, t: Transferable[]) => void).call(this, message, transfer ?? []);
    } as Worker['postMessage'];
  },
  webLocks: () => {
    delete (Navigator.prototype as { locks?: unknown }).locks;
    // Each write of the sync lease, kept to be read by the test.
    const put = IDBObjectStore.prototype.put;
    const leases: unknown[] = ((window as { leaseWrites?: unknown[] }).leaseWrites = []);
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: { key?: unknown }, key?: IDBValidKey) {
      if (value?.key === 'syncLease') leases.push(value);
      return put.call(this, value, key);
    };
  },
  backgroundSync: () => {
    delete (window as { SyncManager?: unknown }).SyncManager;
    delete (ServiceWorkerRegistration.prototype as { sync?: unknown }).sync;
  },
  storageEstimate: () => {
    const proto = StorageManager.prototype as unknown as Record<string, unknown>;
    for (const name of ['persist', 'persisted', 'estimate']) delete proto[name];
  },
  webCrypto: () => { Object.defineProperty(window.crypto, 'subtle', { value: undefined, configurable: true }); },
  arrayAt: () => { delete (Array.prototype as { at?: unknown }).at; },
  offscreenCanvas: () => { delete (window as { OffscreenCanvas?: unknown }).OffscreenCanvas; },
} as const;

let server: ServerProcess;
let browser: Browser;

async function phoneWithout(remove: () => void): Promise<Page> {
  const context = await newPhoneContext(browser, server.url);
  await context.addInitScript(remove);
  return context.newPage();
}

/** Records a case with one photo through the form, sends it, and opens its receipt. */
async function recordAndSend(page: Page, o: { afterPhoto?: () => Promise<void>; afterSent?: () => Promise<void> } = {}): Promise<void> {
  await openSignedIn(page);
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await fillCaseForm(page);
  await page.locator('#photo-gallery').setInputFiles(await photoFixtureFile(page, { width: 4000, height: 3000, orientation: 6 }));
  await page.getByRole('button', { name: 'Xoá ảnh 1' }).waitFor();
  await o.afterPhoto?.();
  await page.getByRole('checkbox', { name: /xét khen thưởng/ }).check();
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await waitForCase(page, id, (c) => c.status === 'sent' && c.receipt?.revision === 1);
  await o.afterSent?.();
  await page.goto(`/ho-so/${id}`);
  const receipt = page.locator('.receipt');
  await receipt.waitFor();
  const text = await receipt.innerText();
  assert.match(text, /Đã gửi/);
  assert.match(text, /ảnh đã xác nhận 1\/1/, text);
  const row = await server.db().selectFrom('cases').select(['revision']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.is(row.revision, 1, 'the server holds the case');
}

test.before(async () => {
  ({ server } = await startSyncServer());
  browser = await launchBrowser();
});

test.after(async () => {
  await browser?.close();
  await server?.dispose();
});

test('without ImageDecoder: the photo worker decodes with createImageBitmap', async () => {
  const page = await phoneWithout(REMOVE.imageDecoder);
  await recordAndSend(page, { afterPhoto: async () => {
    assert.equal(await page.evaluate(() => (window as { askedDecoders?: unknown[] }).askedDecoders), ['bitmap']);
  } });
});

test('without Web Locks: the run takes the IndexedDB lease and gives it back', async () => {
  const page = await phoneWithout(REMOVE.webLocks);
  await recordAndSend(page, { afterSent: async () => {
    assert.is(await page.evaluate(() => typeof (navigator as { locks?: unknown }).locks), 'undefined');
    assert.ok(await page.evaluate(() => (window as { leaseWrites?: unknown[] }).leaseWrites!.length > 0), 'the run that sent it took the lease');
  } });
  await until(async () => (await readSetting(page, LEASE_KEY)) === undefined, 'the lease given back once the runs are over');
});

test('without Background Sync: the page sends by itself', async () => {
  const page = await phoneWithout(REMOVE.backgroundSync);
  await recordAndSend(page);
  assert.equal(await page.evaluate(async () => [typeof (window as { SyncManager?: unknown }).SyncManager, typeof (await navigator.serviceWorker.ready as { sync?: unknown }).sync]), ['undefined', 'undefined']);
});

test('without storage.persist/estimate: no figures on /bo-nho, a clear line instead, no crash', async () => {
  const page = await phoneWithout(REMOVE.storageEstimate);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await recordAndSend(page);
  await page.goto('/bo-nho');
  await page.getByText('Trình duyệt này không cho biết bộ nhớ còn trống bao nhiêu.', { exact: false }).waitFor();
  assert.is(await page.locator('meter').count(), 0, 'no quota figures');
  assert.is(await page.evaluate(() => typeof (navigator.storage as { estimate?: unknown }).estimate), 'undefined');
  assert.equal(errors, []);
});

test('without crypto.subtle (plain http): the app does not start and says to use https', async () => {
  const page = await phoneWithout(REMOVE.webCrypto);
  await page.goto('/');
  const heading = page.getByRole('heading', { name: 'Hãy mở Gương Sáng bằng địa chỉ https://' });
  await heading.waitFor();
  assert.ok(await heading.isVisible());
  assert.is(await page.getByRole('link', { name: /https:\/\// }).getAttribute('href'), `https://${new URL(server.url).host}/`);
  assert.is(await page.locator('#app').count(), 0, 'the app did not start');
  assert.is(await page.getByRole('heading', { level: 1 }).count(), 1, 'only the message is shown');
});

test('without crypto.subtle, the reviewers\' screens (no photos, no hashing) still start', async () => {
  const page = await phoneWithout(REMOVE.webCrypto);
  await page.goto('/tham-dinh');
  await page.getByText('bằng tài khoản cán bộ thẩm định').waitFor();
  assert.is(await page.locator('html').getAttribute('data-floor'), null);
  assert.ok(await page.locator('#floor-http').isHidden());
});

for (const [what, remove] of [['Array.prototype.at (Chrome < 92)', REMOVE.arrayAt], ['OffscreenCanvas (Safari < 16.4)', REMOVE.offscreenCanvas]] as const) {
  test(`below the floor (${what}): a Vietnamese page names the browser to use, never a blank screen`, async () => {
    const page = await phoneWithout(remove);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Trình duyệt này quá cũ để chạy Gương Sáng' }).waitFor();
    const text = await page.locator('body').innerText();
    assert.match(text, /Chrome/);
    assert.match(text, /iOS 16\.4/);
    assert.match(text, new RegExp(`${server.url.replace(/[.:/]/g, '\\$&')}/`), 'the address to open elsewhere');
    assert.is(await page.locator('#app').count(), 0, 'the app did not start');
  });
}

test('offline, the https page comes from the precache of a phone that opened the app before', async () => {
  const context = await newPhoneContext(browser, server.url);
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await context.addInitScript(REMOVE.webCrypto);
  await page.reload();
  await page.getByRole('heading', { name: 'Hãy mở Gương Sáng bằng địa chỉ https://' }).waitFor();
  assert.is(await page.locator('#app').count(), 0);
});

test.run();
