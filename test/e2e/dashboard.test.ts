// The dashboard in real Chromium against the real server and the built app (GS_DIST or dist/): a province
// reviewer opens /tham-dinh/bao-cao; the SVG marks are drawn to the numbers the API gives; another period and a
// commune change the figures; bad days are refused before sending; the print view hides the navigation and the
// controls and shows every data table (the rows with cases); "In báo cáo" calls print(); axe finds nothing serious; no CSP violation.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import type { DashboardReport } from '../../src/shared/dashboard-protocol';
import { todayIso } from '../../src/shared/dates';
import { PROVINCE_AREA } from '../../src/shared/sync-protocol';
import { PASSWORD, signedIn } from '../support/api-client';
import { seriousViolations } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { deskPageWatchingCsp } from '../support/csp-violations';
import { createCase, moveTo } from '../support/review-fixtures';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { signIn } from '../support/sign-in';

const OWN = '03637';   // Mường Kim: 4 cases
const OTHER = '03640'; // Khoen On: 2 cases
const YEAR = todayIso().slice(0, 4);

interface Ctx { server: ServerProcess; browser: Browser; page: Page; cspViolations: string[] }
const dash = suite<Ctx>('dashboard');

dash.before(async (ctx) => {
  ctx.server = await startServerProcess({ database: 'sqlite' });
  await ctx.server.createUser({ username: 'can.bo.tinh', password: PASSWORD, role: 'province-reviewer', area: PROVINCE_AREA, displayName: 'Cán bộ tỉnh' });
  const own = await signedIn(ctx.server, 'reporter', OWN);
  const other = await signedIn(ctx.server, 'reporter', OTHER);
  const admin = await signedIn(ctx.server, 'admin', PROVINCE_AREA);
  const consent = { consentPublication: true, consentPublicationAt: '2026-01-02T00:00:00Z' };
  const seeds: [typeof own, Parameters<typeof createCase>[1], Parameters<typeof moveTo>[2]][] = [
    [own, { subjectCategoryId: 'lao-dong-truc-tiep', ethnicityCode: '03', ...consent }, 'published'],
    [own, { subjectCategoryId: 'nguoi-dan', ethnicityCode: '01' }, 'proposed'],
    [own, { subjectCategoryId: 'cbccvc', ethnicityCode: '01' }, 'rejected'],
    [own, { subjectCategoryId: 'can-bo-co-so', ethnicityCode: '05' }, 'received'],
    [other, { communeCode: OTHER, subjectCategoryId: 'nguoi-dan', ethnicityCode: '03' }, 'commended'],
    [other, { communeCode: OTHER, subjectCategoryId: 'hoc-sinh', ethnicityCode: '01' }, 'appraising'],
  ];
  for (const [reporter, fields, status] of seeds) await moveTo(admin, await createCase(reporter, fields), status);

  ctx.browser = await launchBrowser();
  ({ page: ctx.page, cspErrors: ctx.cspViolations } = await deskPageWatchingCsp(ctx.browser, ctx.server.url));
  await signIn(ctx.page, 'can.bo.tinh');
});

dash.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

/** The API's answer for a query, fetched in the page with the reviewer's session. */
const api = (page: Page, query: string) =>
  page.evaluate(async (q) => (await fetch(`/api/review/dashboard?${q}`)).json(), query) as Promise<DashboardReport>;

const summaryNumber = async (page: Page, label: string) =>
  (await page.locator('.dash-summary li', { hasText: label }).locator('.dash-summary__n').innerText()).trim();

/** Bars of one section's bar chart: label, value, drawn width. */
const bars = (page: Page, section: string) => page.locator(`section[aria-labelledby="${section}"] rect.dash-bar:not(.dash-print-only rect)`).evaluateAll((rects) =>
  rects.map((r) => ({ label: r.getAttribute('data-label')!, value: Number(r.getAttribute('data-value')), width: Number(r.getAttribute('width')) })));

dash('this year by default: the commune, movement and status charts are drawn to the API\'s numbers', async ({ page }) => {
  await page.goto('/tham-dinh/bao-cao');
  await page.getByRole('heading', { name: 'Báo cáo kết quả', level: 1 }).waitFor();
  await page.locator('.dash-report').waitFor();
  const report = await api(page, `from=${YEAR}-01-01&to=${YEAR}-12-31`);
  assert.is(report.total, 6);
  assert.is(await summaryNumber(page, 'Hồ sơ nhận trong kỳ'), '6');
  assert.is(await summaryNumber(page, 'Đã được khen thưởng'), '2');
  assert.match(await page.locator('.dash-facts').innerText(), new RegExp(`Toàn tỉnh Lai Châu[\\s\\S]*Từ 01/01/${YEAR} đến 31/12/${YEAR}`));

  const communeBars = await bars(page, 'dash-commune');
  assert.is(communeBars.length, report.byCommune.length, 'one bar per commune, zeros included');
  assert.equal(communeBars.map((b) => [b.label, b.value]), report.byCommune.map((r) => [r.name, r.count]));
  const widest = communeBars[0]!;
  assert.equal([widest.label, widest.value], ['Xã Mường Kim', 4]);
  for (const b of communeBars) assert.ok(Math.abs(b.width - (widest.width * b.value) / widest.value) < 0.01, `${b.label}: width ∝ ${b.value}`);
  const movementBars = await bars(page, 'dash-movement');
  assert.equal(movementBars.filter((b) => b.value > 0).map((b) => b.value), [6], 'every seeded case is "Dân vận khéo"');

  // The last column (this month) stacks the six cases by status; every case is the same height.
  const last = page.locator('g.dash-column').last();
  assert.is(await last.getAttribute('data-total'), '6');
  const segments = await last.locator('rect').evaluateAll((rects) =>
    rects.map((r) => ({ status: r.getAttribute('data-status')!, n: Number(r.getAttribute('data-count')), height: Number(r.getAttribute('height')) })));
  const counts = Object.fromEntries(segments.map((s) => [s.status, s.n]));
  const current = report.statusOverTime.buckets.at(-1)!.counts;
  assert.equal(counts, Object.fromEntries(Object.entries(current).filter(([, n]) => n > 0)));
  assert.equal(counts, { received: 1, appraising: 1, proposed: 1, commended: 1, published: 1, rejected: 1 });
  const perCase = segments[0]!.height / segments[0]!.n;
  for (const s of segments) assert.ok(Math.abs(s.height - s.n * perCase) < 0.01, `${s.status} height`);
});

dash('the priority shares are drawn to n/total and listed in the table', async ({ page }) => {
  const report = await api(page, `from=${YEAR}-01-01&to=${YEAR}-12-31`);
  const shares = await page.locator('section[aria-labelledby="dash-priority"] rect[data-total]').evaluateAll((rects) =>
    rects.map((r) => ({ n: Number(r.getAttribute('data-n')), total: Number(r.getAttribute('data-total')), width: Number(r.getAttribute('width')) })));
  const track = Number(await page.locator('section[aria-labelledby="dash-priority"] rect.dash-track').first().getAttribute('width'));
  assert.is(shares.length, report.priority.rows.length * 3);
  for (const s of shares) assert.ok(Math.abs(s.width - (s.total ? (s.n / s.total) * track : 0)) < 0.01, `${s.n}/${s.total}`);
  const minority = page.locator('section[aria-labelledby="dash-priority"] tbody tr', { hasText: 'Người dân tộc thiểu số' });
  // Ethnic-minority subjects (codes 03, 05): 3 of the 6 reported, 2 of the 3 ever proposed, both commended.
  assert.match(await minority.innerText(), /3\/6 \(50\s?%\)[\s\S]*2\/3 \(66,7\s?%\)[\s\S]*2\/2 \(100\s?%\)/);
  const speed = await page.locator('section[aria-labelledby="dash-speed"] tbody').innerText();
  assert.match(speed, /Từ ngày báo cáo đến ngày quyết định khen thưởng\s+-?[\d.,]+ ngày\s+2 hồ sơ/);
});

dash('another period and a commune change the figures; bad days are refused before sending', async ({ page }) => {
  await page.getByRole('button', { name: `Năm ${Number(YEAR) - 1}` }).click();
  await page.waitForURL((url) => url.searchParams.get('from') === `${Number(YEAR) - 1}-01-01`);
  await page.locator('.dash-facts', { hasText: `Từ 01/01/${Number(YEAR) - 1}` }).waitFor();
  assert.is(await summaryNumber(page, 'Hồ sơ nhận trong kỳ'), '0');

  await page.getByRole('textbox', { name: 'Từ ngày' }).fill('01/01/' + YEAR);
  await page.getByRole('textbox', { name: 'Đến ngày' }).fill('31/02/' + YEAR);
  const requests: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/review/dashboard')) requests.push(r.url()); });
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.getByText('Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy').waitFor();
  assert.equal(requests, [], 'nothing sent');

  await page.getByRole('textbox', { name: 'Đến ngày' }).fill('31/12/' + YEAR);
  await page.getByRole('combobox', { name: 'Xã, phường' }).selectOption(OTHER);
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.locator('.dash-facts', { hasText: 'Xã Khoen On' }).waitFor();
  assert.is(await summaryNumber(page, 'Hồ sơ nhận trong kỳ'), '2');
  assert.equal((await bars(page, 'dash-commune')).map((b) => [b.label, b.value]), [['Xã Khoen On', 2]]);
});

dash('print: A4 view without navigation or controls, every table shown; "In báo cáo" prints', async ({ page }) => {
  await page.goto(`/tham-dinh/bao-cao?from=${YEAR}-01-01&to=${YEAR}-12-31`);
  await page.locator('.dash-report').waitFor();
  const hiddenTable = page.locator('.dash-sr', { hasText: 'Số hồ sơ theo xã, phường' });
  const tableHeight = async () => (await hiddenTable.boundingBox())?.height ?? 0;
  assert.ok(await tableHeight() <= 1, 'on screen the chart stands for the table (kept for screen readers)');
  assert.ok(await page.locator('.review-nav').isVisible());

  await page.emulateMedia({ media: 'print' });
  try {
    for (const selector of ['.review-nav', '.app-header', '.dash-period', '.dash-toolbar']) {
      assert.not.ok(await page.locator(selector).first().isVisible(), `${selector} is hidden in print`);
    }
    assert.not.ok(await page.getByRole('button', { name: 'In báo cáo' }).isVisible());
    assert.ok(await tableHeight() > 40, 'the table prints');
    assert.equal(await hiddenTable.locator('tbody tr').evaluateAll((rows) => rows.filter((r) => r.getClientRects().length > 0).map((r) => r.querySelector('th')!.textContent)),
      ['Xã Mường Kim', 'Xã Khoen On'], 'the communes with cases only');
    assert.ok(await page.locator('.dash-facts').isVisible(), 'the header with the unit and the period prints');
    const width = await page.locator('svg.dash-chart').first().evaluate((svg) => svg.getBoundingClientRect().width);
    assert.ok(width <= 680.5, `charts fit an A4 text width (${width})`);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }

  await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
  await page.getByRole('button', { name: 'In báo cáo' }).click();
  assert.is(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1);
});

dash('axe: no serious or critical violation, with and without the data tables; no CSP violation', async ({ page, cspViolations }) => {
  assert.equal(await seriousViolations(page), []);
  await page.getByLabel('Hiện bảng số liệu của các biểu đồ').check();
  await page.locator('section[aria-labelledby="dash-commune"] table').waitFor();
  assert.is(await page.locator('.dash-sr').count(), 0, 'every table shown');
  assert.equal(await seriousViolations(page), []);
  assert.equal(cspViolations, []);
});

dash.run();
