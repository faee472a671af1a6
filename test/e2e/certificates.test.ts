// Certificates in real Chromium, printed to PDF (page.pdf with the page's own @page size) and read back with
// poppler: the test print is one A4 landscape page with the grid's labels; the administrator moves the name in
// "Thiết lập khen thưởng" and the next test print has it where the new millimetres say; a decided batch of three
// commended cases and one not commended prints three A4 landscape pages, one name on each, the Vietnamese intact,
// the name exactly where the test print showed it; the plain full certificates likewise. The same screen saves
// the legal bases and a minimum vote share through the batch settings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { certificateApi, DEFAULT_CERTIFICATE_LAYOUT } from '../../src/shared/certificate-protocol';
import { reviewPaths } from '../../src/ui/paths';
import { batchApi, type BatchDetail } from '../../src/shared/batch-protocol';
import { PASSWORD, signedIn } from '../support/api-client';
import { DECISION, newBatch, post, proposedCase, submitted } from '../support/batch-fixtures';
import { seriousViolations } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { deskPageWatchingCsp } from '../support/csp-violations';
import { pageSizes, words, type Word } from '../support/office';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { signIn } from '../support/sign-in';

interface Ctx { server: ServerProcess; browser: Browser; page: Page; cspErrors: string[]; dir: string; batchId: string; testName: Word }
const certificates = suite<Ctx>('certificates printed from Chromium');

const FORM = 'giay_khen_chu_tich_ubnd_xa';
const NAMES = ['Lò Thị Mai', 'Vàng A Sử', 'Chi hội Phụ nữ bản Nà Ún'];
const PLACE_DATE = 'Mường Kim, ngày 05 tháng 12 năm 2026';
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
  ({ page: ctx.page, cspErrors: ctx.cspErrors } = await deskPageWatchingCsp(ctx.browser, ctx.server.url));
  await signIn(ctx.page, 'quan.tri');

  // A decided batch of Mường Kim: three commended, the fourth not.
  const reporter = await signedIn(ctx.server, 'reporter', '03637');
  const commune = await signedIn(ctx.server, 'commune-reviewer', '03637');
  const ids = [
    await proposedCase(reporter, commune, FORM, { subjectName: 'Lò Thị Mai', gender: 'nu' }),
    await proposedCase(reporter, commune, FORM, { subjectName: 'Vàng A Sử', gender: 'nam',
      deedDescription: 'Anh Sử đã hiến 300 m² đất để mở đường vào bản. Anh còn vận động các hộ khác.' }),
    await proposedCase(reporter, commune, FORM, { subjectKind: 'tap-the', subjectName: 'Chi hội Phụ nữ bản Nà Ún', gender: undefined,
      ethnicityCode: undefined, birthYear: undefined, deedDescription: 'Chi hội đã vận động hội viên góp công sửa 2 km đường liên bản.' }),
    await proposedCase(reporter, commune, FORM, { subjectName: 'Tòng Văn Không Khen', gender: 'nam' }),
  ];
  const batch = await submitted(commune, await newBatch(commune, ids));
  const decided = await post<BatchDetail>(commune, batchApi.decision(batch.id), {
    ...DECISION, date: '2026-12-05', notCommended: [{ caseId: ids[3], comment: 'Chưa đủ tiêu biểu', returnTo: 'rejected' }],
  });
  if (decided.status !== 200) throw new Error(`decision: ${decided.status} ${decided.text}`);
  ctx.batchId = batch.id;
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
  ctx.testName = moved;
  assert.equal(ctx.cspErrors, []);
});

certificates('a decided batch prints on blanks: one A4 landscape page per commended case, the name where the test print showed it', async (ctx) => {
  const pdf = await printed(ctx, certificateApi.batch(ctx.batchId, 'blank'), 'blanks');
  assert.is(pdf.pages, NAMES.length, 'three commended cases, three pages; the fourth not printed');
  assert.is(pdf.size, '841.92 x 594.96');
  NAMES.forEach((name, i) => {
    const text = pdf.text[i]!;
    assert.ok(text.startsWith(name), `page ${i + 1} starts with ${name}: ${text}`);
    for (const other of NAMES.filter((n) => n !== name)) assert.not.ok(text.includes(other), `${other} not on page ${i + 1}`);
    assert.ok(text.includes('Quyết định số 125/QĐ-UBND ngày 05/12/2026'), text);
    assert.ok(text.includes(PLACE_DATE), text);
  });
  assert.ok(pdf.text[0]!.includes('Đã có thành tích lao xuống suối cứu hai cháu nhỏ bị nước lũ cuốn trôi'), pdf.text[0]);
  assert.ok(pdf.text[1]!.includes('Đã có thành tích hiến 300 m² đất để mở đường vào bản'), pdf.text[1]);
  assert.ok(pdf.text[2]!.includes('Đã có thành tích vận động hội viên góp công sửa 2 km đường liên bản'), pdf.text[2]);
  assert.not.ok(pdf.text.join(' ').includes('Không Khen'));
  // The name's line sits where the test print put the sample name (same layout, same font).
  const first = pdf.words.find((w) => w.page === 1 && w.text === 'Lò')!;
  assert.ok(Math.abs(first.yMin - ctx.testName.yMin) < 0.8, `name at ${first.yMin} pt, test print ${ctx.testName.yMin} pt`);

  const full = await printed(ctx, certificateApi.batch(ctx.batchId, 'full'), 'full');
  assert.is(full.pages, NAMES.length);
  assert.is(full.size, '841.92 x 594.96');
  NAMES.forEach((name, i) => {
    const text = full.text[i]!;
    for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM',
      'TẶNG GIẤY KHEN', name, PLACE_DATE, 'Tòng Văn Hưng']) {
      assert.ok(text.includes(expected), `page ${i + 1}: ${expected} in ${text}`);
    }
  });
  assert.equal(ctx.cspErrors, []);
});

certificates('the same screen saves the legal bases and a minimum vote share (batch settings)', async ({ server, page }) => {
  await page.goto(reviewPaths.commendationSettings);
  await page.getByRole('heading', { name: 'Đợt đề nghị mới', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Thêm căn cứ' }).click();
  await page.getByLabel('Căn cứ 4', { exact: true }).fill('Quyết định số 15/2024/QĐ-UBND ngày 10 tháng 5 năm 2024 của UBND tỉnh Lai Châu');
  await page.getByLabel('Có yêu cầu tỷ lệ tối thiểu: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh').check();
  await page.getByLabel('Tỷ lệ tối thiểu (%): Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh').fill('120');
  await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
  await page.getByText('Nhập tỷ lệ từ trên 0 đến 100%').waitFor();
  assert.equal(await seriousViolations(page), [], 'the settings screen, with an error');
  await page.getByLabel('Tỷ lệ tối thiểu (%): Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh').fill('66,7');
  await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
  await page.getByText('Đã lưu thiết lập khen thưởng.', { exact: false }).waitFor();
  const admin = await signedIn(server, 'admin', '12');
  const settings = await admin.call(batchApi.settings);
  assert.is(settings.body.legalBases.length, 4);
  assert.match(settings.body.legalBases[3], /Quyết định số 15\/2024\/QĐ-UBND/);
  assert.equal(settings.body.minVoteShare, { bang_khen_chu_tich_ubnd_tinh: 0.667 });
});

certificates.run();
