// The public notice's comment form in real Chromium, without script, on a phone where the app's service worker
// runs (it must leave the notice to the server, as it does the bulletin): the page loads under the server's CSP, the
// form posts as an ordinary navigation (which the origin check must accept: see public-routes.ts on the
// Referrer-Policy), the thanks page comes back and the comment is stored; a refused comment comes back with the
// reason and the text typed. (The browser does not depend on the database: SQLite only.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { publicNoticePaths } from '../../src/shared/batch-protocol';
import { signedIn } from '../support/api-client';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { collectCspViolations } from '../support/csp-violations';
import { commentCount, insertBatch } from '../support/notice-seed';
import { createCase, moveTo } from '../support/review-fixtures';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const started = Promise.all([launchBrowser(), startServerProcess({ database: 'sqlite' })]);
let browser: Browser;
let server: ServerProcess;

test.before(async () => { [browser, server] = await started; });
test.after(async () => {
  const [b, s] = await started;
  await Promise.all([b.close().catch(() => undefined), s.dispose()]);
});

test('a citizen comments through the form, no script, no CSP violation', async () => {
  const reporter = await signedIn(server, 'reporter', '03637');
  const province = await signedIn(server, 'province-reviewer', '12');
  const caseId = await createCase(reporter, { subjectName: 'Lò Văn Thưởng', consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' });
  await moveTo(province, caseId, 'proposed');
  const now = Date.now();
  const batch = await insertBatch(server.db(), {
    createdBy: province.user.id, caseIds: [caseId],
    notice: { from: new Date(now - 3600_000).toISOString(), until: new Date(now + 7 * 86_400_000).toISOString() },
  });

  const context = await newPhoneContext(browser, server.url);
  const violations = await collectCspViolations(context);
  const page = await context.newPage();
  // A phone that has the app: its service worker answers navigations with the app shell, except the public pages.
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.goto(publicNoticePaths.page(batch.publicId));
  assert.match(await page.title(), /^Lấy ý kiến nhân dân/, 'the server\'s page, not the app shell');
  await page.getByRole('heading', { name: 'Lò Văn Thưởng' }).waitFor();
  assert.is(await page.locator('script').count(), 0, 'the page needs no script');

  // Too short: the browser's own check would stop it, so the server's is reached by lifting the attribute.
  await page.getByLabel('Họ tên (không bắt buộc)').fill('Lý Văn Sáng');
  await page.getByLabel(/^Ý kiến/).fill('Ngắn');
  await page.locator('textarea').evaluate((t) => t.removeAttribute('minlength'));
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  assert.is((await refused).status(), 422);
  await page.getByRole('alert').filter({ hasText: 'Ý kiến cần ít nhất 10 ký tự' }).waitFor();
  assert.is(await page.getByLabel('Họ tên (không bắt buộc)').inputValue(), 'Lý Văn Sáng', 'what was typed is kept');

  await page.getByLabel(/^Ý kiến/).fill('Anh Thưởng cứu người thật, cả bản đều biết.');
  const sent = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  const answer = await sent;
  assert.is(answer.status(), 200, await answer.text());
  assert.is((await answer.request().allHeaders())['origin'], server.url, 'the form post carries the app\'s own origin');
  await page.getByRole('heading', { name: 'Cảm ơn bạn đã góp ý' }).waitFor();
  assert.is(await commentCount(server.db(), batch.id), 1);
  assert.equal(violations, []);
  await context.close();
});

test.run();
