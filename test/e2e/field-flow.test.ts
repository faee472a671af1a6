// The reporter's whole offline journey in a real Chromium, against the built app and its service worker.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { fillCaseForm } from '../support/form';
import { serveDist, type Served } from '../support/static-server';
import { photoFixtureFile, jpegSegments, isExifSegment, GPS_LAI_CHAU, RED, redQuadrantAfter } from '../support/photo-fixtures';
import { readBlob, readCases, readOutbox, sampleColour } from '../support/app-db';
import { readImageHeader } from '../../src/shared/image-header';

const flow = suite<{ server: Served; browser: Browser; context: BrowserContext; page: Page; caseId: string }>('field flow');

flow.before(async (ctx) => {
  ctx.server = await serveDist();
  ctx.browser = await launchBrowser();
  ctx.context = await newPhoneContext(ctx.browser, ctx.server.url);
  ctx.page = await ctx.context.newPage();
});

flow.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.close();
});


flow('first visit, then the app opens and reloads with no network', async ({ page, context }) => {
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
  assert.ok(await page.getByText('Đang ngoại tuyến').isVisible());
});

flow('fill the form offline with Vietnamese text; pickers ignore diacritics and find old names', async (ctx) => {
  const { page } = ctx;
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  ctx.caseId = page.url().split('/').pop()!;
  // The old name finds the group, which shows its own name: the exonym is never displayed, even in the list.
  await page.getByRole('combobox', { name: 'Dân tộc' }).fill('meo');
  await page.getByRole('option', { name: 'HMông', exact: true }).waitFor();
  assert.not.ok(await page.getByRole('option', { name: /Mèo/ }).count(), 'the exonym is never displayed');
  await fillCaseForm(page, { ethnicity: ['meo', 'HMông'], commune: ['muong te', 'Xã Mường Tè'] });
  assert.is(await page.getByLabel('Ngày diễn ra').inputValue(), '14/07/2026');
  await page.getByText(/Đã lưu trên máy lúc/).waitFor();
});

flow('a 12 MP photo with EXIF orientation 6 and GPS is stored ≤1600 px, upright, without EXIF', async ({ page, caseId }) => {
  const file = await photoFixtureFile(page, { width: 4000, height: 3000, orientation: 6, gps: GPS_LAI_CHAU });
  assert.ok(jpegSegments(readFileSync(file)).some(isExifSegment), 'the fixture does carry EXIF');
  await page.locator('#photo-gallery').setInputFiles(file);
  await page.getByRole('button', { name: 'Xoá ảnh 1' }).waitFor();
  const [stored] = await readCases(page);
  assert.is(stored?.id, caseId);
  const ref = stored!.fields.photos[0]!;
  const bytes = await readBlob(page, ref.sha256);
  const header = readImageHeader(bytes);
  assert.ok(header.ok && header.header.type === 'image/jpeg', 'the stored photo is a JPEG');
  if (header.ok) assert.equal([header.header.width, header.header.height], [1200, 1600], 'the bytes say so too');
  assert.equal([ref.width, ref.height], [1200, 1600], 'turned upright and shrunk to 1600 px on the long side');
  assert.not.ok(jpegSegments(bytes).some(isExifSegment), 'no EXIF (no GPS) left in the stored bytes');
  assert.not.ok(bytes.includes(Buffer.from('GPS')), 'no GPS text anywhere');
  const where = redQuadrantAfter(6);
  const colour = await sampleColour(page, bytes, where.x ? 0.75 : 0.25, where.y ? 0.75 : 0.25);
  assert.ok(Math.abs(colour[0] - RED[0]) < 40 && colour[2] < 80, `red where orientation 6 puts it, got ${colour}`);
  await page.getByText(/Tổng dung lượng/).waitFor();
});

flow('a text file offered as a photo is refused with a message and nothing is stored', async ({ page }) => {
  await page.locator('#photo-gallery').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh') });
  await page.getByRole('alert').filter({ hasText: 'ghi-chu.txt' }).waitFor();
  assert.match(await page.getByRole('alert').filter({ hasText: 'ghi-chu.txt' }).innerText(), /không phải/i);
  assert.is((await readCases(page))[0]!.fields.photos.length, 1);
});

flow('reload offline: the draft is intact', async ({ page }) => {
  await page.reload();
  await page.getByLabel('Họ và tên').waitFor();
  assert.is(await page.getByLabel('Họ và tên').inputValue(), 'Lò Thị Mai');
  assert.is(await page.getByRole('combobox', { name: 'Xã, phường' }).inputValue(), 'Xã Mường Tè');
  assert.is(await page.getByRole('combobox', { name: 'Dân tộc' }).inputValue(), 'HMông');
  assert.is(await page.getByLabel('Ngày diễn ra').inputValue(), '14/07/2026');
  assert.ok(await page.getByRole('button', { name: 'Xoá ảnh 1' }).isVisible());
});

flow('"Hoàn tất" shows Vietnamese messages beside the fields, then queues the case in "Chờ gửi"', async ({ page, caseId }) => {
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  const consentError = page.locator('#consentAppraisal-error');
  await consentError.waitFor();
  assert.match(await consentError.innerText(), /đồng ý/);
  assert.ok(await page.getByRole('alert').filter({ hasText: 'Còn 1 mục cần sửa' }).isVisible(), 'an unticked box is one thing to fix');
  assert.is(await page.getByRole('checkbox', { name: /thẩm định|xét khen thưởng/ }).getAttribute('aria-invalid'), 'true');
  await page.getByRole('checkbox', { name: /xét khen thưởng/ }).check();
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByText('Đã lưu trên máy — hồ sơ đang chờ gửi.').waitFor();
  // The counts come from a live query that may answer just after the notice: wait for it rather than read once.
  await page.getByRole('button', { name: /Chờ gửi/ }).filter({ hasText: /\b1\b/ }).waitFor();
  const [stored] = await readCases(page);
  assert.is(stored?.status, 'queued');
  assert.equal((await readOutbox(page)).map((o) => o.caseId), [caseId]);
  await page.getByRole('searchbox', { name: /Tìm/ }).fill('lo thi mai');
  assert.is(await page.getByRole('listitem').filter({ hasText: 'Lò Thị Mai' }).count(), 1);
});

flow('export, then import into a fresh browser profile, twice: no duplicates', async ({ page, browser, server, caseId }) => {
  await page.goto('/bo-nho');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất ra tệp' }).click()]);
  const dir = mkdtempSync(join(tmpdir(), 'gs-export-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  assert.match(download.suggestedFilename(), /\.zip$/);

  const other = await newPhoneContext(browser, server.url);
  try {
    const fresh = await other.newPage();
    await fresh.goto('/bo-nho');
    for (const expected of [/Đã nhập 1 hồ sơ mới/, /bỏ qua 1/]) {
      await fresh.locator('#import-file').setInputFiles(file);
      await fresh.getByText(expected).waitFor();
    }
    const cases = await readCases(fresh);
    assert.equal(cases.map((c) => [c.id, c.status]), [[caseId, 'queued']]);
    const original = await readBlob(page, cases[0]!.fields.photos[0]!.sha256);
    const copied = await readBlob(fresh, cases[0]!.fields.photos[0]!.sha256);
    assert.ok(copied.length > 0 && copied.equals(original), 'photo bytes identical');
    assert.is((await readOutbox(fresh)).length, 1);
  } finally {
    await other.close();
  }
});

flow('a picker left and taken up again keeps what is typed, its list open, and its option to click', async ({ browser, server }) => {
  const context = await newPhoneContext(browser, server.url);
  try {
    await context.clock.install();
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
    await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
    const picker = page.getByRole('combobox', { name: 'Dân tộc' });
    await picker.waitFor(); // the form is drawn before the clock stops (its first render may wait on a timer)
    await page.clock.pauseAt(Date.now() + 60_000); // from here the page's timers fire only when the test says
    await picker.fill('tha');
    await page.getByLabel('Họ và tên').focus();
    await picker.fill('meo');
    await page.clock.runFor(60_000); // whatever the blur left for later has happened
    assert.is(await picker.inputValue(), 'meo');
    await page.getByRole('option', { name: 'HMông', exact: true }).click();
    assert.is(await picker.inputValue(), 'HMông');
  } finally {
    await context.close();
  }
});

flow.run();
