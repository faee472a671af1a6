// The outbox against the real server in real Chromium: cases recorded offline reach the server exactly once with
// byte-identical photos, through every fault a phone in the mountains meets. Each test has its own browser
// profile; all share one server (each checks only its own cases).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { SYNC_LOCK } from '../../src/sync/lock';
import { BACKOFF } from '../../src/sync/backoff';
import type { SessionUser } from '../../src/shared/sync-protocol';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { fillCaseForm } from '../support/form';
import { cuttableLink, shapeLink, type CuttableLink } from '../support/network-link';
import { photoFixtureFile } from '../support/photo-fixtures';
import type { ServerProcess } from '../support/server-process';
import { openSignedIn, signIn } from '../support/sign-in';
import {
  assertDelivered, assertSameBytes, phoneState, photoUploadArriving, pressSendUntilSent, seedQueuedCases, serverRequests, startSyncServer, waitAllSent,
  type SeededCase,
} from '../support/sync-harness';
import { until } from '../support/wait';

interface Ctx { server: ServerProcess; user: SessionUser; browser: Browser; contexts: BrowserContext[]; links: CuttableLink[] }
const sync = suite<Ctx>('sync faults');

sync.before(async (ctx) => {
  Object.assign(ctx, await startSyncServer());
  ctx.browser = await launchBrowser();
  ctx.contexts = [];
  ctx.links = [];
});
sync.after.each(async (ctx) => {
  for (const c of ctx.contexts.splice(0)) await c.close().catch(() => undefined);
  for (const l of ctx.links.splice(0)) await l.close();
});
sync.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

/** A relay between the phones and the server (closed after the test). */
async function relayFor(ctx: Ctx): Promise<CuttableLink> {
  const link = await cuttableLink(ctx.server.url);
  ctx.links.push(link);
  return link;
}

/** A signed-in phone; `clock`: the pages' timers run on Playwright's clock (time flows until a test moves it). */
async function phone(ctx: Ctx, o: { clock?: boolean; via?: CuttableLink } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhoneContext(ctx.browser, o.via?.url ?? ctx.server.url);
  ctx.contexts.push(context);
  if (o.clock) await context.clock.install();
  const page = await context.newPage();
  await openSignedIn(page);
  return { context, page };
}

sync('recorded offline through the form, sent when the network is back: one server case each, same bytes, a receipt', async (ctx) => {
  const { context, page } = await phone(ctx);
  await context.setOffline(true);
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  const formId = page.url().split('/').pop()!;
  await fillCaseForm(page);
  await page.locator('#photo-gallery').setInputFiles(await photoFixtureFile(page, { width: 2400, height: 1800, seed: 41 }));
  await page.getByRole('button', { name: 'Xoá ảnh 1' }).waitFor();
  await page.getByRole('checkbox', { name: /xét khen thưởng/ }).check();
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByText(/Chờ mạng/).waitFor();

  const more = await seedQueuedCases(page, ctx.user.id, 3, { photos: 2 });
  await page.reload(); // offline: the service worker serves the app; nothing can be sent
  await page.getByText(/4 hồ sơ chờ gửi/).waitFor();
  const form = (await phoneState(page)).cases.find((c) => c.id === formId)!;
  const seeded: SeededCase[] = [{ id: formId, hashes: form.blobHashes, bytes: 0 }, ...more];
  assert.is((await ctx.server.db().selectFrom('cases').select('id').where('id', 'in', seeded.map((c) => c.id)).execute()).length, 0);

  await context.setOffline(false); // the `online` event alone wakes the engine
  await waitAllSent(page, seeded.map((c) => c.id));
  await assertDelivered(page, ctx.server, seeded);
  await assertSameBytes(page, ctx.server, form.blobHashes[0]!);

  await page.goto(`/ho-so/${formId}`);
  await page.getByText('Đã gửi', { exact: true }).first().waitFor();
  assert.match(await page.locator('.receipt').innerText(), /phiên bản số 1; ảnh đã xác nhận 1\/1/);
});

/** Seeds cases, slows the link so uploads take seconds, and lets the engine notice them (a reload is an app start). */
async function slowQueue(ctx: Ctx, page: Page, context: BrowserContext, n: number, photos: number, upBytesPerSec = 250_000) {
  const seeded = await seedQueuedCases(page, ctx.user.id, n, { photos, width: 1200, height: 900 });
  const cdp = await context.newCDPSession(page);
  const shape = () => shapeLink(cdp, { upBytesPerSec, latencyMs: 80 });
  await shape();
  return { seeded, ids: seeded.map((c) => c.id), shape, cdp };
}

/** A photo's bytes going up: PUT from the start, PATCH the rest of an upload a dropped link cut. */
const isPhotoUpload = (r: Request) => (r.method() === 'PUT' || r.method() === 'PATCH') && r.url().includes('/api/photos/');
const isCasePut = (r: Request) => r.method() === 'PUT' && r.url().includes('/api/cases/');
const isUpload = (r: Request) => isPhotoUpload(r) || isCasePut(r);

/** The page's uploads not yet answered or failed, as the page sees them. */
function uploadsInFlight(page: Page): Set<Request> {
  const open = new Set<Request>();
  page.on('request', (r) => { if (isUpload(r)) open.add(r); });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return open;
}

sync('the network cut and restored again and again during uploads: everything arrives once, nothing lost', async (ctx) => {
  const link = await relayFor(ctx);
  const { context, page } = await phone(ctx, { via: link });
  const { seeded, ids, shape } = await slowQueue(ctx, page, context, 4, 2, 400_000);
  const failed: string[] = [];
  page.on('requestfailed', (r) => { if (isUpload(r)) failed.push(r.failure()?.errorText ?? ''); });
  const inFlight = uploadsInFlight(page);
  await page.reload();
  for (let i = 0; i < 6; i++) {
    // Cut while an upload is on its way and the link has carried new bytes of it since the last cut.
    const carried = link.bytesUp();
    await until(() => inFlight.size > 0 && link.bytesUp() - carried >= 32 * 1024, `cut ${i + 1}: an upload carrying new bytes`);
    link.cut(); // the mast is gone: uploads in flight die
    await context.setOffline(true); // and the phone notices (the `offline`, then `online` events)
    await until(() => inFlight.size === 0, `cut ${i + 1}: the uploads in flight failed`);
    link.restore();
    await context.setOffline(false);
    await shape(); // Playwright's setOffline resets the throttling
  }
  await pressSendUntilSent(page, ids);
  await assertDelivered(page, ctx.server, seeded);
  assert.ok(failed.length >= 3, `uploads were really cut (${failed.length} failed requests)`);
});

sync('the server killed (SIGKILL) mid-upload and after storing a case but before answering, then restarted', async (ctx) => {
  const link = await relayFor(ctx);
  const { context, page } = await phone(ctx, { via: link });
  const { seeded, ids } = await slowQueue(ctx, page, context, 3, 2);
  let killOnCasePut = true;
  let storedAnswer: number | undefined; // asserted after the run: a throw inside a route handler ends the process
  await page.route('**/api/cases/*', async (route) => {
    if (!killOnCasePut || route.request().method() !== 'PUT') return route.continue();
    killOnCasePut = false;
    storedAnswer = (await route.fetch()).status(); // the server stored it...
    await ctx.server.stop('SIGKILL'); // ...and died before the phone heard back
    const heard = page.waitForEvent('requestfailed', isCasePut);
    await route.abort('connectionreset');
    await heard;
    await ctx.server.start();
  });
  link.holdNextPhotoUpload();
  await page.reload();
  await photoUploadArriving(ctx.server);
  const cutOff = page.waitForEvent('requestfailed', isPhotoUpload);
  await ctx.server.stop('SIGKILL'); // mid-upload
  await cutOff; // the phone saw its upload die before the server is back
  await ctx.server.start();
  await waitAllSent(page, ids, 90_000); // no button pressed: the engine's own backoff timer brings it back
  assert.not.ok(killOnCasePut, 'the case-PUT kill happened');
  assert.is(storedAnswer, 201, 'the killed case PUT was a first delivery, stored just before the kill');
  await assertDelivered(page, ctx.server, seeded);
  const replays = (await phoneState(page)).cases.filter((c) => ids.includes(c.id) && c.receipt?.replay);
  assert.is(replays.length, 1, 'the case whose answer was lost got its receipt from a replay');
});

sync('the page reloaded mid-upload, and after the server stored a case but before the phone marked it sent', async (ctx) => {
  const link = await relayFor(ctx);
  const { context, page } = await phone(ctx, { via: link });
  const { seeded, ids, cdp } = await slowQueue(ctx, page, context, 3, 2);
  link.holdNextPhotoUpload();
  await page.reload();
  await photoUploadArriving(ctx.server);
  await page.reload(); // mid-upload
  let reloaded = false;
  await page.route('**/api/cases/*', async (route) => {
    if (reloaded || route.request().method() !== 'PUT') return route.continue();
    reloaded = true;
    await route.fetch(); // stored on the server; the answer never reaches the page
    void page.reload().catch(() => undefined);
    await route.abort('aborted').catch(() => undefined);
  });
  await waitAllSent(page, ids, 90_000);
  assert.ok(reloaded);
  await assertDelivered(page, ctx.server, seeded);
  assert.ok((await phoneState(page)).cases.some((c) => ids.includes(c.id) && c.receipt?.replay), 'one receipt came from a replay');
  await cdp.detach().catch(() => undefined);
});

sync('two tabs syncing at once: one run at a time (Web Locks), each case and photo sent once', async (ctx) => {
  const { context, page } = await phone(ctx);
  const counts = serverRequests(ctx.server); // from before the cases exist: every request for them is counted
  const uploads = uploadAttempts(context);
  const seeded = await seedQueuedCases(page, ctx.user.id, 6, { photos: 2 });
  const other = await context.newPage();
  await Promise.all([page.reload(), other.goto('/')]);
  await Promise.all([pressSendUntilSent(page, seeded.map((c) => c.id)), pressSendUntilSent(other, seeded.map((c) => c.id))]);
  await assertDelivered(page, ctx.server, seeded);
  const seen = counts();
  // Once each: the server created each case and stored each photo once (201), and the pages never had two PUTs of
  // one case or photo in flight at once. A PUT the phone gave up on (its timeout, on a starved machine) may be sent
  // again after it ended: the server answers that replay with 200 and the same receipt — the same single delivery.
  assert.equal(uploads.overlapping(), [], 'two uploads of the same case or photo in flight at once');
  const created = (path: string) => seen.log.filter((r) => (r.method === 'PUT' || r.method === 'PATCH') && r.path === path && r.status === 201).length;
  for (const c of seeded) {
    assert.is(created(`/api/cases/${c.id}`), 1, `case ${c.id} created once`);
    for (const sha of c.hashes) assert.is(created(`/api/photos/${sha}`), 1, `photo ${sha} stored once`);
  }
});

/** Case and photo uploads the pages make (the service worker's are not reported), in event order: overlaps per URL. */
function uploadAttempts(context: BrowserContext) {
  const open = new Map<string, number>();
  const overlaps: string[] = [];
  const key = (r: Request) => new URL(r.url()).pathname;
  const bump = (k: string, by: number) => open.set(k, (open.get(k) ?? 0) + by);
  context.on('request', (r) => {
    if (!isUpload(r)) return;
    if ((open.get(key(r)) ?? 0) > 0) overlaps.push(key(r));
    bump(key(r), 1);
  });
  context.on('requestfinished', (r) => { if (isUpload(r)) bump(key(r), -1); });
  context.on('requestfailed', (r) => { if (isUpload(r)) bump(key(r), -1); });
  return { overlapping: () => overlaps };
}

sync('the same requests replayed (a proxy retrying, a double tap): the same receipt, no second case or photo', async (ctx) => {
  const { context, page } = await phone(ctx);
  const seeded = await seedQueuedCases(page, ctx.user.id, 1, { photos: 1 });
  const bodies: string[] = [];
  context.on('request', (r) => { if (isCasePut(r)) bodies.push(r.postData() ?? ''); });
  await page.reload();
  await waitAllSent(page, [seeded[0]!.id]);
  const [id, sha] = [seeded[0]!.id, seeded[0]!.hashes[0]!];
  const replayed = await page.evaluate(`(async () => {
    const put = () => fetch('/api/cases/${id}', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: ${JSON.stringify(bodies[0])} })
      .then(async (r) => ({ status: r.status, body: await r.json() }));
    const db = await new Promise((ok) => { const r = indexedDB.open('guong-sang'); r.onsuccess = () => ok(r.result); });
    const blob = await new Promise((ok) => { const q = db.transaction('blobs').objectStore('blobs').get('${sha}'); q.onsuccess = () => ok(q.result); });
    db.close();
    const photo = await fetch('/api/photos/${sha}', { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: blob.bytes });
    return { cases: await Promise.all([put(), put(), put()]), photo: photo.status };
  })()`) as { cases: Array<{ status: number; body: { revision: number; replay: boolean } }>; photo: number };
  for (const r of replayed.cases) {
    assert.is(r.status, 200);
    assert.is(r.body.revision, 1);
    assert.is(r.body.replay, true);
  }
  assert.is(replayed.photo, 200, 'a photo already stored: accepted, not created again');
  await assertDelivered(page, ctx.server, seeded);
});

sync('the session expires mid-queue: sending stops, the queue stays, and signing in again sends the rest once', async (ctx) => {
  const { context, page } = await phone(ctx, { clock: true });
  const { seeded, ids } = await slowQueue(ctx, page, context, 4, 2, 400_000);
  const asked: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) asked.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await page.reload();
  await waitAllSent(page, ids.slice(0, 1));
  await ctx.server.db().deleteFrom('sessions').execute(); // expired, or revoked by an administrator
  await page.getByRole('link', { name: 'Đăng nhập lại' }).waitFor();
  assert.match(await page.locator('.sync-bar').innerText(), /Đăng nhập lại để gửi/);
  const before = await phoneState(page);
  const waiting = before.cases.filter((c) => ids.includes(c.id) && c.status === 'queued');
  assert.ok(waiting.length >= 1 && waiting.length <= 3, `some cases wait (${waiting.length})`);
  assert.is(before.outbox.length, waiting.length, 'the queue is kept');
  // Every timer the app has set fires (the longest retry delay, on the page's clock), then whatever run that
  // started has ended (it holds the sync lock): none may have asked the server anything.
  const quiet = asked.length;
  await page.clock.runFor(BACKOFF.capMs);
  await page.evaluate(`navigator.locks.request(${JSON.stringify(SYNC_LOCK)}, () => undefined)`);
  assert.equal(asked.slice(quiet), [], 'no retry storm while signed out on the server');
  await page.getByRole('link', { name: 'Đăng nhập lại' }).click();
  await signIn(page);
  await waitAllSent(page, ids);
  await assertDelivered(page, ctx.server, seeded);
});

sync('Background Sync: asked for when the app is left with cases waiting; the worker sends them with no page open', async (ctx) => {
  const { context, page } = await phone(ctx);
  await context.addInitScript(`(() => {
    window.__syncTags = [];
    const register = SyncManager.prototype.register;
    SyncManager.prototype.register = function (tag) { window.__syncTags.push(tag); return register.call(this, tag); };
  })()`);
  await context.setOffline(true);
  const seeded = await seedQueuedCases(page, ctx.user.id, 2, { photos: 2, width: 1000, height: 750 });
  await page.reload();
  await page.getByText(/2 hồ sơ chờ gửi/).waitFor();
  // The reporter switches to another app (headless Chromium keeps pages visible, so the event is simulated).
  await page.evaluate(`(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);
  await page.waitForFunction(`window.__syncTags.includes('guong-sang-outbox')`);

  // The app is closed; the network comes back; the browser wakes the service worker (DevTools dispatches the
  // 'sync' event, as its Application panel does: headless Chromium does not watch the emulated network).
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const registrations: Array<{ registrationId: string; scopeURL: string }> = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await page.close();
  await context.setOffline(false);
  const registration = await until(() => registrations.find((r) => r.scopeURL.startsWith(ctx.server.url)), "the app's service worker registration");
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: ctx.server.url, registrationId: registration.registrationId, tag: 'guong-sang-outbox', lastChance: false });
  const ids = seeded.map((c) => c.id);
  let stored = 0;
  await until(async () => (stored = (await ctx.server.db().selectFrom('cases').select('id').where('id', 'in', ids).execute()).length) === ids.length,
    () => `the service worker to send every case (${stored}/${ids.length} on the server)`);
  const after = await context.newPage(); // only to read the phone's database
  await after.goto('/');
  await waitAllSent(after, ids);
  await assertDelivered(after, ctx.server, seeded);
});

sync.run();
