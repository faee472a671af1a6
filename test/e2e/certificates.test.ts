// Certificates in real Chromium, printed to PDF (page.pdf with the page's own @page size) and read back with
// poppler: the test print is one A4 landscape page with the grid's labels; the administrator moves the name in
// "Thiết lập khen thưởng" and the next test print has it where the new millimetres say.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { certificateApi, DEFAULT_CERTIFICATE_LAYOUT } from '../../src/shared/certificate-protocol';
import { reviewPaths } from '../../src/ui/paths';
import { PASSWORD } from '../support/api-client';
import { launchBrowser, newDesktopContext } from '../support/browser';
import { collectCspViolations } from '../support/csp-violations';
import { pageSizes, words, type Word } from '../support/office';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { signIn } from '../support/sign-in';

interface Ctx { server: ServerProcess; browser: Browser; page: Page; cspErrors: string[]; dir: string }
const certificates = suite<Ctx>('certificates printed from Chromium');

const FORM = 'giay_khen_chu_tich_ubnd_xa';
const PT_PER_MM = 72 / 25.4;

interface Pdf { pages: number; size: string; text: string[]; words: Word[] }

/** The page printed as the reviewer's browser prints it, read back with poppler. */
async function printed(ctx: Ctx, path: string, name: string): Promise<Pdf> {
  const response = await ctx.page.goto(path);
  assert.is(response?.status(), 200, path);
  const file = join(ctx.dir, `${name}.pdf`);
  writeFileSync(file, await ctx.page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const sizes = pageSizes(file);
  const all = words(file);
  return {
    pages: sizes.length,
    size: [...new Set(sizes.map((s) => `${s.width} x ${s.height}`))].join(', '),
    text: sizes.map((_, i) => all.filter((w) => w.page === i + 1).map((w) => w.text).join(' ')),
    words: all,
  };
}

const wordAt = (pdf: Pdf, text: string): Word => {
  const found = pdf.words.filter((w) => w.text === text);
  assert.is(found.length, 1, `"${text}" once in ${JSON.stringify(pdf.words.map((w) => w.text))}`);
  return found[0]!;
};

certificates.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'gs-certificates-'));
  ctx.server = await startServerProcess({ database: 'sqlite' });
  await ctx.server.createUser({ username: 'quan.tri', password: PASSWORD, role: 'admin', area: '12', displayName: 'Quản trị tỉnh' });
  ctx.browser = await launchBrowser();
  const context = await newDesktopContext(ctx.browser, ctx.server.url);
  ctx.cspErrors = await collectCspViolations(context);
  ctx.page = await context.newPage();
  await signIn(ctx.page, 'quan.tri');
});

certificates.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
  if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
});

certificates('the test print is one A4 landscape page with the grid labels; the administrator moves the name and the next test print shows it there', async (ctx) => {
  const before = await printed(ctx, certificateApi.testPrint(FORM), 'test-print-1');
  assert.is(before.pages, 1);
  assert.is(before.size, '841.92 x 594.96');
  for (const label of ['10', '100', '150', '200', '290']) assert.ok(before.words.some((w) => w.text === label), `grid label ${label}`);
  assert.match(before.text[0]!, /In thử căn chỉnh phôi: Giấy khen của Chủ tịch Ủy ban nhân dân xã/);
  assert.match(before.text[0]!, /Mường Kim, ngày 05 tháng 12 năm 2026/);
  const name = wordAt(before, 'Mẫu');
  // Centred in its box at 48 mm, 92 mm: the text starts right of the box's edge, its top a little below.
  assert.ok(name.xMin > DEFAULT_CERTIFICATE_LAYOUT.name.x * PT_PER_MM, `x ${name.xMin}`);
  assert.ok(Math.abs(name.yMin - DEFAULT_CERTIFICATE_LAYOUT.name.y * PT_PER_MM) < 12, `y ${name.yMin}`);

  const { page } = ctx;
  await page.goto(reviewPaths.commendationSettings);
  await page.getByRole('heading', { name: 'Căn chỉnh in giấy khen lên phôi', level: 2 }).waitFor();
  const x = page.getByLabel('Tên cá nhân, tập thể: Cách mép trái (mm) (0–297)');
  const y = page.getByLabel('Tên cá nhân, tập thể: Cách mép trên (mm) (0–210)');
  assert.is(await x.inputValue(), '48');

  // Checked before sending, with the server's own message.
  await x.fill('290');
  await page.getByRole('button', { name: 'Lưu vị trí in' }).click();
  await page.getByText('Ô chữ vượt mép phải tờ giấy: vị trí ngang cộng độ rộng tối đa 297 mm').waitFor();

  await x.fill('28');
  await y.fill('70,5');
  const saved = page.waitForResponse((r) => r.url().endsWith(certificateApi.layout(FORM)) && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Lưu vị trí in' }).click();
  assert.is((await saved).status(), 200);
  await page.getByText('Đã lưu vị trí in của Giấy khen của Chủ tịch Ủy ban nhân dân xã.', { exact: false }).waitFor();
  const link = page.getByRole('link', { name: 'In thử trên lưới căn chỉnh' });
  assert.is(await link.getAttribute('href'), certificateApi.testPrint(FORM));
  assert.is(await link.getAttribute('target'), '_blank');

  const after = await printed(ctx, certificateApi.testPrint(FORM), 'test-print-2');
  assert.is(after.pages, 1);
  const moved = wordAt(after, 'Mẫu');
  // Chromium places text on whole CSS pixels: within one (0.75 pt, 0.26 mm).
  assert.ok(Math.abs(moved.xMin - name.xMin - (28 - 48) * PT_PER_MM) < 0.8, `moved ${moved.xMin - name.xMin} pt across`);
  assert.ok(Math.abs(moved.yMin - name.yMin - (70.5 - 92) * PT_PER_MM) < 0.8, `moved ${moved.yMin - name.yMin} pt down`);
  assert.match(after.text[0]!, /Tên cá nhân, tập thể: x 28, y 70\.5, rộng 201 mm, 24 pt/);
  assert.equal(ctx.cspErrors, []);
});

certificates.run();
