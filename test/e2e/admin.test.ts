// The administration screens in real Chromium against the real server and the built app (GS_DIST or dist/): an
// administrator creates a reporter (checked before sending, the server's refusal shown beside the field), who
// then signs in; disables them; renames, reorders, adds and retires movements, and GET /api/reference answers
// the new list; axe finds no serious or critical violation on either screen.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { ReferenceLists } from '../../src/shared/reference-protocol';
import { PASSWORD, call, postLogin as login, sessionCookie } from '../support/api-client';
import { seriousViolations } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { deskPageWatchingCsp } from '../support/csp-violations';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { signIn } from '../support/sign-in';

interface Ctx { server: ServerProcess; browser: Browser; page: Page; posts: string[]; cspErrors: string[] }
const admin = suite<Ctx>('administration screens');

const NEW_PASSWORD = 'mat-khau-moi-2026';
// The screens move focus in a requestAnimationFrame after re-rendering: read it two frames later.
const twoFrames = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
const focusedText = async (page: Page) => {
  await twoFrames(page);
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
};
const focusedId = async (page: Page) => {
  await twoFrames(page);
  return page.evaluate(() => document.activeElement?.id ?? '');
};

admin.before(async (ctx) => {
  ctx.server = await startServerProcess({ database: 'sqlite' });
  await ctx.server.createUser({ username: 'quan.tri', password: PASSWORD, role: 'admin', area: '12', displayName: 'Quản trị tỉnh' });
  ctx.browser = await launchBrowser();
  ({ page: ctx.page, cspErrors: ctx.cspErrors } = await deskPageWatchingCsp(ctx.browser, ctx.server.url));
  ctx.posts = [];
  ctx.page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/admin/')) ctx.posts.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await signIn(ctx.page, 'quan.tri');
});

admin.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

admin('the administrator creates a reporter in the form; the new user signs in through the API', async ({ server, page, posts }) => {
  await page.goto('/tham-dinh/quan-tri');
  await page.getByRole('heading', { name: 'Quản trị', level: 1 }).waitFor();
  await page.getByRole('row', { name: /quan\.tri \(bạn\)/ }).waitFor();
  assert.is(await page.getByRole('button', { name: 'Khoá tài khoản quan.tri' }).count(), 0, 'no way to disable oneself');

  await page.getByRole('button', { name: '+ Thêm tài khoản' }).click();
  assert.is(await focusedText(page), 'Thêm tài khoản', 'focus on the form heading');
  const form = page.getByRole('form', { name: 'Thêm tài khoản' });
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByText('Nhập tên đăng nhập', { exact: true }).waitFor();
  await page.getByText('Nhập họ tên', { exact: true }).waitFor();
  assert.is(await focusedId(page), 'new-username', 'focus on the first field to fix');

  await form.getByLabel('Tên đăng nhập').fill('Vang.A.Su');
  await form.getByLabel('Họ tên').fill('Vàng A Sử');
  await form.getByLabel('Vai trò').selectOption({ label: 'Người báo cáo' });
  await form.getByLabel('Địa bàn').selectOption({ label: 'Toàn tỉnh Lai Châu' });
  await form.getByLabel(/^Mật khẩu/).fill('ngan');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByText('Vai trò Người báo cáo cần địa bàn là một xã, phường').waitFor();
  await page.getByText('Mật khẩu cần ít nhất 10 ký tự').waitFor();
  assert.equal(posts, [], 'nothing sent while the form has errors');

  await form.getByLabel('Địa bàn').selectOption({ label: 'Xã Mường Kim' });
  await form.getByLabel(/^Mật khẩu/).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByText('Đã tạo tài khoản vang.a.su (Người báo cáo, Xã Mường Kim).').waitFor();
  const row = page.getByRole('row', { name: /vang\.a\.su/ });
  assert.match(await row.innerText(), /vang\.a\.su\s+Vàng A Sử\s+Người báo cáo\s+Xã Mường Kim\s+Đang dùng/);
  assert.is(await focusedText(page), 'Sửa', 'focus on the new account\'s row');

  const filters = page.getByRole('search', { name: 'Lọc tài khoản' });
  await filters.getByLabel('Vai trò').selectOption({ label: 'Người báo cáo' });
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('row', { name: /quan\.tri/ }).waitFor({ state: 'detached' });
  await page.getByRole('row', { name: /vang\.a\.su/ }).waitFor();
  assert.is(await page.locator('tbody tr').count(), 1, 'only the reporter');
  await filters.getByLabel('Vai trò').selectOption({ label: 'Tất cả' });
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('row', { name: /quan\.tri/ }).waitFor();

  const signIn = await login(server, 'vang.a.su', NEW_PASSWORD);
  assert.is(signIn.status, 200, signIn.text);
  assert.equal({ role: signIn.body.user.role, area: signIn.body.user.area }, { role: 'reporter', area: '03637' });

  // The same name again: the server's 409 lands beside the username.
  await page.getByRole('button', { name: '+ Thêm tài khoản' }).click();
  await form.getByLabel('Tên đăng nhập').fill('vang.a.su');
  await form.getByLabel('Họ tên').fill('Người khác');
  await form.getByLabel('Địa bàn').selectOption({ label: 'Xã Mường Kim' });
  await page.getByRole('button', { name: 'Tạo mật khẩu ngẫu nhiên' }).click();
  assert.ok((await form.getByLabel(/^Mật khẩu/).inputValue()).length >= 16, 'a generated password, shown');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.locator('#new-username-error', { hasText: 'Tên đăng nhập "vang.a.su" đã có' }).waitFor();
  assert.not.match(await page.locator('main').innerText(), /at \w+ \(|Error:|stack/i, 'no stack trace');
  await page.getByRole('button', { name: 'Huỷ' }).click();
});

admin('disabling an account ends its session; a password reset lets it sign in with the new password', async ({ server, page }) => {
  const cookie = sessionCookie((await login(server, 'vang.a.su', NEW_PASSWORD)).headers);
  await page.getByRole('button', { name: 'Khoá tài khoản vang.a.su' }).click();
  await page.getByText('Đã khoá tài khoản vang.a.su; mọi phiên đăng nhập của tài khoản này đã kết thúc.').waitFor();
  await page.getByRole('button', { name: 'Mở khoá tài khoản vang.a.su' }).waitFor();
  assert.is(await focusedText(page), 'Mở khoá', 'focus stays on the button, now "Mở khoá"');
  assert.is((await call(server, '/api/auth/me', { cookie })).status, 401);
  assert.is((await login(server, 'vang.a.su', NEW_PASSWORD)).status, 401);

  await page.getByRole('button', { name: 'Mở khoá tài khoản vang.a.su' }).click();
  await page.getByText('Đã mở khoá tài khoản vang.a.su.').waitFor();
  await page.getByRole('button', { name: 'Sửa tài khoản vang.a.su' }).click();
  assert.is(await focusedText(page), 'Sửa tài khoản vang.a.su');
  await page.getByLabel(/^Mật khẩu mới/).fill('mat-khau-thu-ba-2026');
  await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await page.getByText('Đã đặt lại mật khẩu của vang.a.su; mọi phiên đăng nhập cũ đã kết thúc.').waitFor();
  assert.is((await login(server, 'vang.a.su', 'mat-khau-thu-ba-2026')).status, 200);
  await page.getByRole('button', { name: 'Đóng' }).click();
  assert.is(await focusedText(page), 'Sửa', 'focus back on the row');
});

admin('the administrator renames, reorders, adds and retires movements; GET /api/reference answers the new list', async ({ server, page, posts }) => {
  await page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: 'Danh mục' }).click();
  await page.getByRole('heading', { name: 'Phong trào thi đua', level: 2 }).waitFor();
  const name = (n: number) => page.getByLabel(`Tên mục ${n}`, { exact: true });
  assert.is(await name(1).inputValue(), 'Dân vận khéo');
  const second = await name(2).inputValue();

  await name(1).fill('Dân vận khéo năm 2026');
  await page.getByRole('button', { name: `Chuyển lên: ${second}` }).click();
  assert.is(await name(1).inputValue(), second);
  assert.is(await focusedText(page), 'Xuống', 'at the top, focus moves to the other arrow of the same entry');
  await page.getByRole('button', { name: 'Ngừng dùng: Khác' }).click();
  await page.getByLabel('Tên phong trào mới').fill('Phong trào Thi đua “Dân vận khéo” lần 2');
  await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await page.getByText('phong-trao-thi-dua-dan-van-kheo-lan-2', { exact: true }).waitFor();
  await page.getByText('Có thay đổi chưa lưu').waitFor();

  posts.length = 0;
  await page.getByRole('button', { name: 'Lưu danh mục' }).click();
  await page.getByText(/^Đã lưu danh mục Phong trào thi đua/).waitFor();
  assert.equal(posts, ['PUT /api/admin/reference/movements']);
  assert.is(await focusedText(page), 'Lưu danh mục', 'the keyboard stays where it was');

  const cookie = sessionCookie((await login(server, 'vang.a.su', 'mat-khau-thu-ba-2026')).headers);
  const lists = (await call<ReferenceLists>(server, '/api/reference', { cookie })).body.lists;
  const active = lists.movements.filter((m) => !m.retired);
  assert.equal(active.slice(0, 2).map((m) => m.name), [second, 'Dân vận khéo năm 2026']);
  assert.equal(active.at(-1), { id: 'phong-trao-thi-dua-dan-van-kheo-lan-2', name: 'Phong trào Thi đua “Dân vận khéo” lần 2' });
  assert.equal(lists.movements.filter((m) => m.retired).map((m) => m.id), ['khac'], 'retired, not deleted');
  assert.is(lists.movements.find((m) => m.id === 'dan-van-kheo')?.name, 'Dân vận khéo năm 2026', 'renamed under the same id');

  // Saved state is what the screen shows again; "Khác" can come back.
  await page.getByRole('button', { name: 'Dùng lại: Khác' }).waitFor();
  assert.is(await page.getByText('Có thay đổi chưa lưu').count(), 0);
});

admin('axe: no serious or critical violation on the accounts screen (form with errors, editor open) and the lists editor', async ({ page, cspErrors }) => {
  assert.equal(await seriousViolations(page), [], 'lists editor');
  await page.getByRole('button', { name: 'Hình thức khen thưởng', exact: true }).click();
  await page.getByLabel('Cấp khen thưởng của mục 1').waitFor();
  await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await page.getByText('Chọn cấp khen thưởng', { exact: true }).waitFor();
  assert.equal(await seriousViolations(page), [], 'commendation forms, with errors');
  await page.getByRole('button', { name: 'Nhóm đối tượng', exact: true }).click();
  await page.getByRole('checkbox').first().waitFor();
  assert.equal(await seriousViolations(page), [], 'subject categories');

  await page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: 'Tài khoản' }).click();
  await page.getByRole('button', { name: '+ Thêm tài khoản' }).click();
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByText('Nhập tên đăng nhập', { exact: true }).waitFor();
  assert.equal(await seriousViolations(page), [], 'accounts, the new account form with errors');
  await page.getByRole('button', { name: 'Sửa tài khoản vang.a.su' }).click();
  await page.getByLabel(/^Mật khẩu mới/).waitFor();
  assert.equal(await seriousViolations(page), [], 'accounts, an account open for editing');
  assert.equal(cspErrors, [], 'nothing the Content-Security-Policy refused, on any screen of this file');
});

admin.run();
