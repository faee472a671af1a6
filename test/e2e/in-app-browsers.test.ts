// A link opened inside Zalo or Facebook: Chromium with their real user agents. The notice comes before the first
// case is stored, offers Chrome (Android's intent link) or the system browser and a copy of the address; recording
// stays possible, and while unsent cases live there the list warns with the export one tap away. Ordinary Chrome
// sees none of it and never downloads the notices' chunk.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { serveDist, type Served } from '../support/static-server';
import { readCases } from '../support/app-db';
import { userAgents } from '../support/user-agents';
import { seriousViolations } from '../support/axe';

const inApp = suite<{ server: Served; browser: Browser }>('in-app browsers');

inApp.before(async (ctx) => {
  ctx.server = await serveDist();
  ctx.browser = await launchBrowser();
});

inApp.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.close();
});

async function openList(browser: Browser, url: string, userAgent: string, initScript?: string): Promise<{ context: BrowserContext; page: Page; chunks: string[] }> {
  const context = await newPhoneContext(browser, url, { userAgent });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const chunks: string[] = [];
  page.on('request', (r) => { if (/BrowserNotices-[\w-]+\.js$/.test(r.url())) chunks.push(r.url()); });
  await page.goto('/');
  await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
  assert.is(await page.evaluate(() => navigator.userAgent), userAgent, 'the page sees the phone\'s user agent');
  return { context, page, chunks };
}

const notice = (page: Page, app: string) => page.getByRole('dialog', { name: `Bạn đang mở Gương Sáng trong ${app}` });
const intentFor = (url: string) => {
  const u = new URL(url);
  return `intent://${u.host}/#Intent;scheme=${u.protocol.slice(0, -1)};package=com.android.chrome;end`;
};

inApp('Zalo on Android: the notice before the first case, Chrome\'s intent link, copy; then the warning with the export', async ({ server, browser }) => {
  const { context, page, chunks } = await openList(browser, server.url, userAgents.zaloAndroid);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  assert.is(await page.getByText(/hồ sơ chưa gửi đang nằm/).count(), 0, 'no warning while nothing is stored');

  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  const dialog = notice(page, 'Zalo');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /chỉ nằm trong trình duyệt riêng của Zalo: mở bằng Chrome sẽ không thấy/);
  assert.match(await dialog.innerText(), /có thể mất khi Zalo xoá dữ liệu/);
  assert.is(new URL(page.url()).pathname, '/', 'still on the list');
  assert.is(chunks.length, 1, 'the notices came in their own chunk (the check the Chrome test relies on)');
  assert.equal(await readCases(page), [], 'nothing stored before the reporter has answered');
  assert.is(await dialog.getByRole('link', { name: 'Mở bằng Chrome' }).getAttribute('href'), intentFor(server.url));
  assert.equal(await seriousViolations(page), [], 'the notice: no serious accessibility violation');

  await dialog.getByRole('button', { name: 'Chép đường dẫn' }).click();
  await dialog.getByText('Đã chép đường dẫn.', { exact: false }).waitFor();
  assert.is(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}/`);

  await dialog.getByRole('button', { name: 'Vẫn ghi ở đây' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  await page.getByLabel('Họ và tên').fill('Lò Thị Mai');
  await page.getByText(/Đã lưu trên máy lúc/).waitFor();

  await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
  const warning = page.getByRole('region', { name: '1 hồ sơ chưa gửi đang nằm trong trình duyệt của Zalo' });
  await warning.waitFor();
  assert.match(await warning.innerText(), /Nếu Zalo xoá dữ liệu, các hồ sơ này sẽ mất/);
  assert.is(await warning.getByRole('link', { name: 'Mở bằng Chrome' }).getAttribute('href'), intentFor(server.url));
  assert.equal(await seriousViolations(page), [], 'the warning: no serious accessibility violation');
  const download = page.waitForEvent('download');
  await warning.getByRole('button', { name: 'Xuất ra tệp' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /\.zip$/);
  await warning.getByText(/Đã xuất 1 hồ sơ, 0 ảnh vào tệp/).waitFor();
  const zip = unzipSync(new Uint8Array(readFileSync(await file.path())));
  assert.match(strFromU8(zip['cases.json']!), /Lò Thị Mai/, 'the draft is in the file');

  // Answered once: the next case opens straight away.
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  assert.is(await notice(page, 'Zalo').count(), 0);
  await context.close();
});

inApp('Facebook on Android without the clipboard API: the address is copied the old way', async ({ server, browser }) => {
  // Some in-app browsers have no navigator.clipboard.writeText; reading stays, for the test to check.
  const { context, page } = await openList(browser, server.url, userAgents.facebookAndroid, 'delete Clipboard.prototype.writeText;');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  assert.is(await page.evaluate(() => typeof navigator.clipboard.writeText), 'undefined');
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  const dialog = notice(page, 'Facebook');
  await dialog.waitFor();
  assert.is(await dialog.getByRole('link', { name: 'Mở bằng Chrome' }).getAttribute('href'), intentFor(server.url));
  assert.is(await dialog.getByLabel('Đường dẫn').inputValue(), `${server.url}/`);
  await dialog.getByRole('button', { name: 'Chép đường dẫn' }).click();
  await dialog.getByText('Đã chép đường dẫn.', { exact: false }).waitFor();
  assert.is(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}/`);
  assert.equal(await readCases(page), []);
  await context.close();
});

inApp('Facebook on an iPhone: no intent link, the app\'s "open in browser" and a new-window link instead', async ({ server, browser }) => {
  const { context, page } = await openList(browser, server.url, userAgents.facebookIos);
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  const dialog = notice(page, 'Facebook');
  await dialog.waitFor();
  assert.is(await dialog.getByRole('link', { name: 'Mở bằng Chrome' }).count(), 0);
  const link = dialog.getByRole('link', { name: 'Mở bằng trình duyệt' });
  assert.is(await link.getAttribute('href'), `${server.url}/`);
  assert.is(await link.getAttribute('target'), '_blank');
  assert.match(await dialog.innerText(), /Mở bằng trình duyệt” \(hoặc “Mở trong Safari”\)/);
  await context.close();
});

inApp('ordinary Chrome on Android: nothing shown, the first case opens at once, the notices\' chunk is never fetched', async ({ server, browser }) => {
  const { context, page, chunks } = await openList(browser, server.url, userAgents.chromeAndroid);
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  await page.getByLabel('Họ và tên').fill('Lò Thị Mai');
  await page.getByText(/Đã lưu trên máy lúc/).waitFor();
  await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
  await page.getByRole('listitem').filter({ hasText: 'Lò Thị Mai' }).waitFor();
  assert.is(await page.getByText(/hồ sơ chưa gửi đang nằm|Màn hình chính/).count(), 0);
  assert.equal(chunks, [], 'BrowserNotices was never requested by the page');
  await context.close();
});

inApp.run();
