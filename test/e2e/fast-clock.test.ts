// A phone whose clock runs an hour fast (cheap phones in the mountains drift far more than the five minutes the
// server forgives a consent time): its consents are stamped by the server's clock, learned from the answers'
// Date headers, so the case is accepted; a case stamped by the fast clock before is sent once the box is re-ticked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { fillCaseForm } from '../support/form';
import type { ServerProcess } from '../support/server-process';
import { openSignedIn } from '../support/sign-in';
import { seedQueuedCases, startSyncServer, waitForCase } from '../support/sync-harness';
import type { SessionUser } from '../../src/shared/sync-protocol';

const HOUR = 3_600_000;
const fast = suite<{ server: ServerProcess; user: SessionUser; browser: Browser; context: BrowserContext; page: Page }>('a phone clock an hour fast');

fast.before(async (ctx) => {
  ({ server: ctx.server, user: ctx.user } = await startSyncServer());
  ctx.browser = await launchBrowser();
  ctx.context = await newPhoneContext(ctx.browser, ctx.server.url);
  await ctx.context.clock.install({ time: Date.now() + HOUR }); // then it runs on, an hour ahead
  ctx.page = await ctx.context.newPage();
  await openSignedIn(ctx.page);
});

fast.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

const serverRow = (server: ServerProcess, id: string) =>
  server.db().selectFrom('cases').select(['revision', 'fields']).where('id', '=', id).executeTakeFirst();

const consentTimes = async (server: ServerProcess, id: string) => {
  const row = await serverRow(server, id);
  const f = JSON.parse(String(row?.fields)) as { consentAppraisalAt: string; consentPublicationAt: string | null };
  return [f.consentAppraisalAt, f.consentPublicationAt];
};

fast('both consents ticked on the fast phone: the server stores the case and the phone shows its receipt', async ({ page, server }) => {
  assert.ok(await page.evaluate(() => Date.now()) > Date.now() + HOUR - 60_000, 'the phone does run an hour fast');
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await fillCaseForm(page);
  await page.getByRole('checkbox', { name: /xét khen thưởng/ }).check();
  await page.getByRole('checkbox', { name: /đăng tin/ }).check();
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await waitForCase(page, id, (c) => c.status === 'sent' && c.receipt?.revision === 1);
  assert.is((await serverRow(server, id))?.revision, 1, 'the server holds the case');
  for (const at of await consentTimes(server, id)) assert.ok(Date.parse(at!) <= Date.now(), `${at} is not in the server's future`);
  await page.getByRole('listitem').filter({ hasText: 'Lò Thị Mai' }).click();
  await page.locator('.receipt').getByText('Đã gửi').waitFor();
});

fast('a case stamped by the fast clock before is refused, then sent once the reporter re-ticks the box', async ({ page, server, user }) => {
  const ahead = await page.evaluate(() => new Date().toISOString());
  const [stuck] = await seedQueuedCases(page, user.id, 1, { photos: 0, fields: { subjectName: 'Lù Văn Kẹt', consentAppraisalAt: ahead } });
  await page.goto('/');
  await waitForCase(page, stuck!.id, (c) => c.status === 'parked');
  await page.getByRole('listitem').filter({ hasText: 'Lù Văn Kẹt' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Máy chủ chưa nhận hồ sơ này' });
  await refused.waitFor();
  assert.match(await refused.innerText(), /không thể ở tương lai[\s\S]*bỏ chọn rồi chọn lại/, 'the phone says why, and what to do');
  await page.getByRole('button', { name: 'Sửa lại' }).click();
  const box = page.getByRole('checkbox', { name: /xét khen thưởng/ });
  await box.uncheck();
  await box.check();
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await waitForCase(page, stuck!.id, (c) => c.status === 'sent');
  const [at] = await consentTimes(server, stuck!.id);
  assert.ok(Date.parse(at!) <= Date.now() && Date.parse(at!) > Date.now() - HOUR / 2, `re-stamped by the server's clock (${at})`);
});

fast.run();
