// The reviewer screens in real Chromium against the real server and the built app (GS_DIST or dist/): a field
// phone never downloads them; a commune reviewer sees only their commune, filters (URL-kept), pages with the
// cursor, opens a case (thumbnails first, full size on demand), returns it (a comment is required) and meets a
// stale click's 409; a province reviewer filters by commune; offline, the workspace says it needs a network.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page, Request } from 'playwright-core';
import { seriousViolations } from '../support/axe';
import { launchBrowser, newDesktopContext, newPhoneContext } from '../support/browser';
import { caseFields } from '../support/case-fixtures';
import { collectCspViolations } from '../support/csp-violations';
import { transition } from '../support/review-fixtures';
import { APPRAISING, OTHER, OWN_CASES, createAccounts, seedCases, type ReviewSeed } from '../support/review-seed';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { signIn } from '../support/sign-in';

interface Ctx { server: ServerProcess; browser: Browser; seed: ReviewSeed; reviewer: Page; cspErrors: string[] }
const review = suite<Ctx>('reviewer screens');

/** Paths of the built app's review chunks the server was asked for since log line `from`. */
const reviewFilesServed = (server: ServerProcess, from: number) => servedPaths(server, from).filter((p) => /\/assets\/review-/.test(p));

function servedPaths(server: ServerProcess, from: number): string[] {
  return server.logs().slice(from).flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; path?: string };
      return entry.msg === 'request' && entry.path ? [entry.path] : [];
    } catch { return []; }
  });
}

const countText = (page: Page) => page.locator('.review-count').innerText();
const waitForCount = (page: Page, text: string) => page.locator('.review-count', { hasText: text }).waitFor();
const installed = (page: Page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

review.before(async (ctx) => {
  ctx.server = await startServerProcess({ database: 'sqlite' });
  ctx.browser = await launchBrowser();
  await createAccounts(ctx.server);
  const blank = await ctx.browser.newPage();
  ctx.seed = await seedCases(ctx.server, blank);
  await blank.close();
});

review.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

review('a field phone never downloads the reviewer screens; a reporter gets no link and a refusal', async ({ server, browser }) => {
  const from = server.logs().length;
  const page = await (await newPhoneContext(browser, server.url)).newPage();
  await page.goto('/');
  await installed(page);
  await page.goto('/tham-dinh');
  await page.getByText('Cần đăng nhập bằng tài khoản cán bộ thẩm định.').waitFor();

  await signIn(page, 'vang.a.su');
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.getByLabel('Họ và tên').fill('Lò Thị Mai');
  await page.goto('/bo-nho');
  await page.getByRole('heading', { name: 'Bộ nhớ và sao lưu' }).waitFor();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
  assert.is(await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Thẩm định' }).count(), 0, 'no link for a reporter');
  await page.goto('/tham-dinh');
  await page.getByText('Tài khoản người báo cáo không được mở khu vực thẩm định.').waitFor();

  const served = servedPaths(server, from);
  assert.ok(served.filter((p) => p.startsWith('/assets/')).length >= 5, `the phone loaded the app's assets: ${served.join(' ')}`);
  assert.equal(reviewFilesServed(server, from), [], 'a review file was downloaded by the field phone');
  await page.context().close();
});

review('offline, the workspace says it needs a network; online again, "Thử lại" opens it', async ({ server, browser }) => {
  const context = await newDesktopContext(browser, server.url);
  const page = await context.newPage();
  await page.goto('/');
  await installed(page);
  await signIn(page, 'can.bo.tinh');
  // Signing in took the reviewer to /tham-dinh, which left the workspace in the browser's HTTP cache; a phone
  // that never opened it has only what the service worker precached.
  await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
  await context.setOffline(true);
  await page.goto('/tham-dinh');
  await page.getByText('Cần kết nối mạng để mở khu vực thẩm định.').waitFor();
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await page.getByRole('heading', { name: 'Thẩm định hồ sơ' }).waitFor();

  // A province reviewer chooses the commune (kept in the URL).
  await page.getByLabel('Xã, phường').selectOption(OTHER);
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await waitForCount(page, 'Đang hiện 3 hồ sơ');
  assert.match(page.url(), new RegExp(`commune=${OTHER}`));
  const communes = await page.locator('.review-table tbody td[data-label="Xã, phường"]').allInnerTexts();
  assert.equal(communes, ['Xã Khoen On', 'Xã Khoen On', 'Xã Khoen On']);
  await context.close();
});

review('a commune reviewer: the link, only their commune, paging with the cursor', async (ctx) => {
  const { server, browser } = ctx;
  const from = server.logs().length;
  const context = await newDesktopContext(browser, server.url);
  ctx.cspErrors = await collectCspViolations(context);
  const page = ctx.reviewer = await context.newPage();
  await signIn(page, 'can.bo.xa');
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Thẩm định' }).click();
  await page.getByRole('heading', { name: 'Thẩm định hồ sơ' }).waitFor();
  await waitForCount(page, 'Đang hiện 50 hồ sơ, còn nữa');
  assert.is(await page.getByLabel('Xã, phường').count(), 0, 'no commune filter for a commune account');
  assert.ok(reviewFilesServed(server, from).some((p) => p.endsWith('.js')), 'the review chunk came from the server');

  const cursorAsked = page.waitForRequest((r) => r.url().includes('/api/review/cases?') && r.url().includes('cursor='));
  await page.getByRole('button', { name: 'Xem thêm' }).click();
  await cursorAsked;
  await waitForCount(page, `Đang hiện ${OWN_CASES} hồ sơ`);
  assert.is(await countText(page), `Đang hiện ${OWN_CASES} hồ sơ`);
  assert.is(await page.getByRole('button', { name: 'Xem thêm' }).count(), 0);
  assert.is(await page.locator('.review-table tbody tr').count(), OWN_CASES);
  assert.is(await page.getByText('Người xã bên').count(), 0, "another commune's case is listed");
  assert.is(await page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex), 51, 'focus on the first new row');
  const communes = new Set(await page.locator('.review-table tbody td[data-label="Xã, phường"]').allInnerTexts());
  assert.equal([...communes], ['Xã Mường Kim']);
});

review('filters: status and a search without diacritics, kept in the URL across reload and back', async ({ reviewer: page }) => {
  await page.getByLabel('Trạng thái').selectOption('appraising');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await waitForCount(page, `Đang hiện ${APPRAISING} hồ sơ`);
  assert.match(page.url(), /\/tham-dinh\?status=appraising$/);
  const badges = await page.locator('.review-table tbody .badge').allInnerTexts();
  assert.equal(badges, Array(APPRAISING).fill('Đang thẩm định'));

  await page.reload();
  await waitForCount(page, `Đang hiện ${APPRAISING} hồ sơ`);
  assert.is(await page.getByLabel('Trạng thái').inputValue(), 'appraising', 'the filter survives a reload');
  const exportHref = await page.getByRole('link', { name: 'Tải CSV' }).getAttribute('href');
  assert.is(exportHref, '/api/review/export.csv?status=appraising', 'exports take the same filters');

  await page.goBack();
  await waitForCount(page, 'Đang hiện 50 hồ sơ, còn nữa');
  assert.is(await page.getByLabel('Trạng thái').inputValue(), '');

  await page.getByLabel('Tìm theo tên, nội dung').fill('hoang van thang');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await waitForCount(page, 'Đang hiện 1 hồ sơ');
  assert.equal(await page.locator('.review-table tbody td[data-label="Được báo cáo"]').allInnerTexts(), ['Hoàng Văn Thắng']);

  // A date that does not exist is refused beside the field, and nothing is asked of the server.
  const url = page.url();
  await page.getByLabel('Làm việc tốt từ ngày').fill('31022026');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await page.getByText('Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy').waitFor();
  assert.is(page.url(), url);
  assert.equal(await seriousViolations(page), [], 'the table with a field error');
});

review('the case page: thumbnails first, the full photo only when opened; accessible', async ({ reviewer: page, seed }) => {
  const photoRequests: string[] = [];
  const track = (r: Request) => { const m = /\/api\/photos\/([0-9a-f]{64})/.exec(r.url()); if (m) photoRequests.push(m[1]!); };
  page.on('request', track);
  await page.goto(`/tham-dinh?q=${encodeURIComponent('lo van anh')}`);
  await page.getByRole('link', { name: 'Lò Văn Ảnh' }).click();
  await page.getByRole('heading', { level: 1, name: 'Lò Văn Ảnh' }).waitFor();
  await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll<HTMLImageElement>('.photo-thumb img')];
    return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  });
  const [one, two] = seed.photos;
  assert.ok(photoRequests.includes(one!.thumbSha256) && photoRequests.includes(two!.thumbSha256), 'thumbnails loaded');
  assert.not.ok(photoRequests.includes(one!.sha256) || photoRequests.includes(two!.sha256), 'a full-size photo was loaded up front');
  assert.equal(await seriousViolations(page), [], 'the case page');

  await page.getByRole('button', { name: 'Xem ảnh lớn: Ảnh hiện trường 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ảnh hiện trường 1' });
  await dialog.waitFor();
  await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('dialog img')?.naturalWidth ?? 0) === 1600);
  assert.ok(photoRequests.includes(one!.sha256), 'the full photo is fetched when opened');
  assert.not.ok(photoRequests.includes(two!.sha256), 'only the photo opened');
  assert.equal(await seriousViolations(page), [], 'the photo dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Xem ảnh lớn: Ảnh hiện trường 1', 'focus back on the thumbnail');
  page.off('request', track);
});

review('returning a case: an empty comment is refused before sending; then the status and the timeline', async ({ reviewer: page, server, seed }) => {
  const posts: Request[] = [];
  const track = (r: Request) => { if (r.method() === 'POST' && r.url().includes('/transitions')) posts.push(r); };
  page.on('request', track);
  const actions = page.getByRole('region', { name: 'Xử lý hồ sơ' });
  await actions.getByRole('button', { name: 'Trả lại bổ sung' }).click();
  await page.getByRole('button', { name: 'Xác nhận: Trả lại bổ sung' }).click();
  await page.getByText('Nêu rõ nội dung cần bổ sung').waitFor();
  assert.is(posts.length, 0, 'nothing was sent');
  assert.is(await page.evaluate(() => document.activeElement?.id), 't-comment', 'focus on the field to fix');

  const comment = 'Đề nghị bổ sung xác nhận của trưởng bản và ảnh tại cầu.';
  await page.getByLabel('Nội dung cần bổ sung').fill(comment);
  await page.getByRole('button', { name: 'Xác nhận: Trả lại bổ sung' }).click();
  await page.getByText('Đã chuyển hồ sơ sang “Trả lại bổ sung”.').waitFor();
  assert.is(await page.locator('.review-status .badge').innerText(), 'Trả lại bổ sung');
  const last = page.locator('.review-timeline li').last();
  assert.match(await last.innerText(), /Đã nhận → Trả lại bổ sung[\s\S]*Cán bộ xã Mường Kim[\s\S]*Đề nghị bổ sung xác nhận/);
  assert.is(posts.length, 1);
  assert.equal(posts[0]!.postDataJSON(), { to: 'returned', from: 'received', revision: 1, comment });
  const row = await server.db().selectFrom('cases').select('status').where('id', '=', seed.photoCaseId).executeTakeFirstOrThrow();
  assert.is(row.status, 'returned');
  page.off('request', track);
});

review('the reporter resubmits: revision 2 in the list and the timeline; revision 1 opens with its differences marked', async ({ reviewer: page, seed }) => {
  const fields = caseFields({ subjectName: 'Lò Văn Ảnh', photos: seed.photos, village: 'Bản Nà Ún, thôn 3' });
  const put = await seed.reporter.call(`/api/cases/${seed.photoCaseId}`, { method: 'PUT', json: { baseRevision: 1, fields } });
  assert.is(put.status, 200, put.text);
  await page.reload();
  await page.locator('.review-status .badge', { hasText: 'Đang thẩm định' }).waitFor();
  assert.match(await page.locator('.review-timeline').innerText(), /Nhận bản bổ sung \(phiên bản 2\)/);
  assert.is(await page.locator('.review-revisions li').count(), 2);
  await page.getByRole('button', { name: 'Xem phiên bản 1' }).click();
  const older = page.getByRole('region', { name: 'Nội dung phiên bản 1' });
  await older.waitFor();
  assert.equal(await older.locator('dt.changed').allInnerTexts(), ['Địa bàn (khác bản hiện tại)']);
  assert.match(await older.innerText(), /Bản Nà Ún, Xã Mường Kim/);
});

review('a stale click: the case changed meanwhile → the server\'s 409 message, the case reloaded', async ({ reviewer: page, server, seed }) => {
  await page.goto(`/tham-dinh/ho-so/${seed.staleCaseId}`);
  await page.getByRole('heading', { level: 1, name: 'Tòng Thị Xuân' }).waitFor();
  assert.is(await page.locator('.review-status .badge').innerText(), 'Đã nhận');
  const moved = await transition(seed.province, seed.staleCaseId, { to: 'appraising' });
  assert.is(moved.status, 200, moved.text);

  const actions = page.getByRole('region', { name: 'Xử lý hồ sơ' });
  await actions.getByRole('button', { name: 'Không đủ điều kiện' }).click();
  await page.getByLabel('Lý do không đủ điều kiện').fill('Việc làm chưa đủ tiêu biểu');
  const answer = page.waitForResponse((r) => r.url().includes('/transitions'));
  await page.getByRole('button', { name: 'Xác nhận: Không đủ điều kiện' }).click();
  assert.is((await answer).status(), 409);
  await page.getByRole('alert').filter({ hasText: 'Hồ sơ vừa được thay đổi' }).waitFor();
  await page.locator('.review-status .badge', { hasText: 'Đang thẩm định' }).waitFor();
  const row = await server.db().selectFrom('cases').select('status').where('id', '=', seed.staleCaseId).executeTakeFirstOrThrow();
  assert.is(row.status, 'appraising', 'the stale click changed nothing');
  assert.equal(await seriousViolations(page), [], 'the case page with the refusal shown');
});

review('at 360 px the table is a list of cards, still accessible; nothing broke the CSP', async ({ reviewer: page, cspErrors }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/tham-dinh');
  await waitForCount(page, 'Đang hiện 50 hồ sơ, còn nữa');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
  assert.equal(await seriousViolations(page), [], 'the table at 360 px');
  assert.equal(cspErrors, [], 'Content-Security-Policy violations on the reviewer screens');
});

review.run();
