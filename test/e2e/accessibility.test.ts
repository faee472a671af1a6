// axe-core in real Chromium at 360×640: no serious or critical violation on the field screens, including the
// form with its error messages showing and a picker open.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { serveDist, type Served } from '../support/static-server';
import { seriousViolations } from '../support/axe';

const a11y = suite<{ server: Served; browser: Browser; page: Page }>('accessibility');

a11y.before(async (ctx) => {
  ctx.server = await serveDist();
  ctx.browser = await launchBrowser();
  ctx.page = await (await newPhoneContext(ctx.browser, ctx.server.url)).newPage();
});
a11y.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.close();
});

a11y('the case list', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
  assert.equal(await seriousViolations(page), []);
});

a11y('the case form, empty, with errors shown and with a picker open', async ({ page }) => {
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.getByLabel('Họ và tên').waitFor();
  assert.equal(await seriousViolations(page), [], 'empty form');
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.getByText(/mục cần sửa/).waitFor();
  assert.equal(await seriousViolations(page), [], 'form with errors');
  await page.getByRole('combobox', { name: 'Xã, phường' }).fill('muong');
  assert.equal(await seriousViolations(page), [], 'picker open');
});

a11y('the storage and backup screen', async ({ page }) => {
  await page.goto('/bo-nho');
  await page.getByRole('heading', { name: 'Bộ nhớ và sao lưu' }).waitFor();
  assert.equal(await seriousViolations(page), []);
});

a11y('the sign-in screen, with an error shown', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Nhập tên đăng nhập và mật khẩu.').waitFor();
  assert.equal(await seriousViolations(page), []);
});

a11y.run();
