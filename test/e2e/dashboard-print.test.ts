// The dashboard's print in Chromium (page.pdf, print media, A4) with a year of a province seeded in the database:
// read back with pdftotext page by page. A commune with 7 cases prints at most 2 pages; no page holds nothing but
// a heading; the province keeps "Theo xã, phường" on the page of its 38-commune chart.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { communes } from '../../src/shared/reference';
import { PROVINCE_AREA } from '../../src/shared/sync-protocol';
import { PASSWORD } from '../support/api-client';
import { launchBrowser, newDesktopContext } from '../support/browser';
import { readPdf } from '../support/pdf-pages';
import { seedYear } from '../support/province-year';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { signIn } from '../support/sign-in';

const SMALL = communes[3]!.code;

interface Ctx { server: ServerProcess; browser: Browser; page: Page }
const print = suite<Ctx>('dashboard print');

print.before(async (ctx) => {
  ctx.server = await startServerProcess({ database: 'sqlite' });
  await ctx.server.createUser({ username: 'can.bo.tinh', password: PASSWORD, role: 'province-reviewer', area: PROVINCE_AREA, displayName: 'Cán bộ tỉnh' });
  await seedYear(ctx.server.db(), { year: 2025, count: 3000, communes: communes.map((c) => c.code) });
  await seedYear(ctx.server.db(), { year: 2024, count: 7, communes: [SMALL] }, 'bench-owner');
  ctx.browser = await launchBrowser();
  ctx.page = await (await newDesktopContext(ctx.browser, ctx.server.url)).newPage();
  await signIn(ctx.page, 'can.bo.tinh');
});

print.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

async function printed(page: Page, query: string): Promise<string[]> {
  await page.goto(`/tham-dinh/bao-cao?${query}`);
  await page.locator('.dash-report').waitFor();
  const bytes = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const pdf = readPdf(bytes);
  assert.match(pdf.pageSize, /A4/);
  return pdf.pages;
}

/** A page whose only text is one heading of the report. */
const lone = (pages: string[]) => pages.filter((text) => /^\s*(Theo [^\n]+|Tình trạng[^\n]+|Nhóm đối tượng[^\n]+|Tốc độ[^\n]+|Đợt đề nghị[^\n]+|Tuyên truyền[^\n]+)\s*$/.test(text));

print('a commune with 7 cases prints at most 2 pages, none a lone heading', async ({ page }) => {
  const pages = await printed(page, `from=2024-01-01&to=2024-12-31&commune=${SMALL}`);
  assert.match(pages.join('\n'), /Hồ sơ nhận\s+trong\s+kỳ/);
  const all = pages.join('\n');
  assert.match(all, /Từ ngày đề nghị đến ngày quyết định\s+khen thưởng/, 'the days from proposal to decision');
  assert.match(all, /Chủ tịch UBND\s+xã\s+[^\n]+\s+1\s+\d+/, 'the batch waiting at the commune chairman (pending is now, whatever the period)');
  assert.not.match(all, /Theo xã, phường/, 'a commune prints no commune chart');
  assert.ok(pages.length <= 2, `${pages.length} pages:\n${pages.map((p, i) => `--- page ${i + 1}\n${p.slice(0, 300)}`).join('\n')}`);
  assert.equal(lone(pages), []);
});

print('the province over a year keeps "Theo xã, phường" on the page of its chart', async ({ page }) => {
  const pages = await printed(page, 'from=2025-01-01&to=2025-12-31');
  assert.equal(lone(pages), [], 'no page is a lone heading');
  const at = pages.findIndex((text) => /Theo xã, phường/.test(text));
  assert.ok(at >= 0, 'the heading prints');
  const withChart = pages[at]!;
  for (const c of communes.slice(0, 5)) assert.match(withChart, new RegExp(c.name), `${c.name} on the heading's page`);
});

print('the official report\'s print page: linked from the screen; A4, signed within 3 pages, the charts drawn after', async ({ page }) => {
  await page.goto('/tham-dinh/bao-cao?from=2025-01-01&to=2025-12-31');
  await page.getByText('Văn bản báo cáo (theo mẫu').click();
  await page.getByRole('textbox', { name: 'Số báo cáo' }).fill('15');
  await page.getByRole('textbox', { name: 'Họ tên người ký' }).fill('Nguyễn Thị Hoà');
  const link = page.getByRole('link', { name: 'Bản in văn bản báo cáo' });
  const query = `from=2025-01-01&to=2025-12-31&number=15&signerTitle=Ch%E1%BB%A7+t%E1%BB%8Bch&signerName=${new URLSearchParams({ n: 'Nguyễn Thị Hoà' }).toString().slice(2)}`;
  assert.is(await link.getAttribute('href'), `/api/review/dashboard/report.html?${query}`);
  assert.is(await page.getByRole('link', { name: 'Tải văn bản báo cáo (DOCX)' }).getAttribute('href'), `/api/review/dashboard/report.docx?${query}`);
  await page.goto((await link.getAttribute('href'))!);
  assert.match(await page.locator('body').innerText(), /Số: 15\/BC-UBND/);
  assert.is(await page.locator('figure svg').count(), 3, 'status, communes, movements');
  const pdf = readPdf(await page.pdf({ preferCSSPageSize: true }));
  assert.match(pdf.pageSize, /A4/);
  const signed = pdf.pages.findIndex((text) => text.includes('Nguyễn Thị Hoà'));
  const appendix = pdf.pages.findIndex((text) => text.includes('PHỤ LỤC'));
  assert.ok(signed >= 0 && signed < 3, `signed on page ${signed + 1} of ${pdf.pages.length}`);
  assert.ok(appendix > signed, 'the appendix after the signature');
  assert.match(pdf.pages[0]!, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
});

print.run();
