// The official Báo cáo (GET /api/review/dashboard/report.docx and report.html) over a year of a province seeded in
// the database (3,000 cases over every commune, proposals, decisions, submitted batches). Each DOCX is opened by
// LibreOffice (converted to PDF) and read with poppler: A4, the Quốc hiệu and Tiêu ngữ, Vietnamese intact, and the
// body up to the signature on at most 3 pages, for the province and for communes; the charts come after it.
import * as assert from 'uvu/assert';
import { MOTTO, NATIONAL_TITLE } from '../../src/server/documents/format/constants';
import { communeLabel, communes } from '../../src/shared/reference';
import { signedIn, type Client } from '../support/api-client';
import { convertToPdf, isA4Portrait, pageSizes, pdfText, removeDir, words } from '../support/office';
import { seedYear } from '../support/province-year';
import { forEachDatabase } from './helpers';

const SMALL = communes[3]!.code;
const BUSY = communes[0]!.code;
const SIGNER = 'Nguyễn Thị Hoà';
const YEAR_2025 = 'from=2025-01-01&to=2025-12-31';

/** The page of the first word of `name` followed by its other words (pdftotext -bbox splits words). */
function pageOf(pdf: string, name: string): number | undefined {
  const parts = name.split(' ');
  const all = words(pdf);
  const at = all.findIndex((w, i) => parts.every((p, k) => all[i + k]?.text === p));
  return at >= 0 ? all[at]!.page : undefined;
}

/** A GET answered with bytes (the API client reads text). */
const raw = (server: { url: string }, who: Client, path: string) => fetch(server.url + path, { headers: { cookie: who.cookie } });

forEachDatabase('dashboard: the official report', (test) => {
  let province: Client;
  let small: Client;

  test('setup: a year of the province, and a commune with 7 cases the year before', async ({ server }) => {
    const db = server.db();
    await seedYear(db, { year: 2025, count: 3000, communes: communes.map((c) => c.code) });
    await seedYear(db, { year: 2024, count: 7, communes: [SMALL] }, 'bench-owner');
    province = await signedIn(server, 'province-reviewer', '12');
    small = await signedIn(server, 'commune-reviewer', SMALL);
  });

  test('DOCX opened by LibreOffice: A4, Quốc hiệu, Vietnamese intact, the body within 3 pages, the charts after it', async ({ server }) => {
    const fetchDocx = async (who: Client, query: string) => {
      const r = await raw(server, who, `/api/review/dashboard/report.docx?${query}&signerName=${encodeURIComponent(SIGNER)}&number=7`);
      assert.is(r.status, 200, await r.clone().text());
      assert.is(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="bao-cao-ket-qua-[a-z0-9-]+\.docx"$/);
      return new Uint8Array(await r.arrayBuffer());
    };
    const files = {
      province: await fetchDocx(province, YEAR_2025),
      busy: await fetchDocx(province, `${YEAR_2025}&commune=${BUSY}`),
      small: await fetchDocx(small, 'from=2024-01-01&to=2024-12-31'),
    };
    const { dir, pdfs } = convertToPdf(files);
    try {
      for (const [name, pdf] of Object.entries(pdfs)) {
        const sizes = pageSizes(pdf);
        assert.ok(sizes.every(isA4Portrait), `${name}: every page A4 portrait`);
        const text = pdfText(pdf, false);
        assert.ok(text.includes(NATIONAL_TITLE) && text.includes(MOTTO), `${name}: Quốc hiệu and Tiêu ngữ`);
        assert.match(text, /Số: 07\/BC-UBND/);
        assert.match(text, /BÁO CÁO\s+Kết quả phát hiện, biểu dương, khen thưởng người tốt, việc tốt/);
        assert.match(text, /Đã được khen thưởng/, `${name}: diacritics intact`);
        const signed = pageOf(pdf, SIGNER);
        assert.ok(signed !== undefined && signed <= 3, `${name}: signed on page ${signed} of ${sizes.length}`);
        const appendix = pageOf(pdf, 'PHỤ LỤC');
        assert.ok(appendix !== undefined && appendix > signed!, `${name}: the appendix (page ${appendix}) after the signature`);
        console.log(`    ${name}: signature on page ${signed}, ${sizes.length} pages in all`);
      }
      const provinceText = pdfText(pdfs.province!, false);
      assert.match(provinceText, /ỦY BAN NHÂN DÂN\s+TỈNH LAI CHÂU/);
      assert.match(provinceText, /Lai Châu, ngày \d\d tháng \d+ năm \d{4}/);
      assert.match(provinceText, /Biểu đồ 2\. Số hồ sơ theo xã, phường/);
      const smallText = pdfText(pdfs.small!, false);
      assert.match(smallText, new RegExp(`ỦY BAN NHÂN DÂN\\s+${communeLabel(SMALL).toLocaleUpperCase('vi')}`));
      assert.match(smallText, /năm 2024/);
      assert.not.match(smallText, /Theo xã, phường/, 'a commune has no commune table');
    } finally {
      removeDir(dir);
    }
  });

  test('print page: the same report with SVG charts, its own CSP; communes listed only where they have cases', async ({ server }) => {
    const r = await raw(server, province, `/api/review/dashboard/report.html?from=2024-01-01&to=2024-12-31&signerName=${encodeURIComponent(SIGNER)}`);
    assert.is(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await r.text();
    assert.ok(html.includes(NATIONAL_TITLE));
    assert.match(html, /<figure><figcaption>Biểu đồ 1\.[^<]*<\/figcaption><svg /);
    const communeRows = [...html.matchAll(/<tr><td class="center">\d+<\/td><td class="left">((?:Xã|Phường) [^<]+)<\/td>/g)].map((m) => m[1]);
    assert.equal(communeRows, [communeLabel(SMALL)], 'the one commune with cases in 2024');
    assert.ok(html.includes(SIGNER));
  });

  test('bad input: 422 in Vietnamese; another commune 403; a reporter 403', async ({ server }) => {
    const bad = await province.call('/api/review/dashboard/report.docx?from=2025-06-30&to=2025-01-01');
    assert.is(bad.status, 422);
    assert.match(bad.body.issues[0].message, /không được trước/);
    const long = await province.call(`/api/review/dashboard/report.html?${YEAR_2025}&signerName=${'A'.repeat(61)}`);
    assert.is(long.status, 422);
    assert.match(long.body.issues[0].message, /Họ tên người ký dài tối đa 60/);
    const unknown = await province.call(`/api/review/dashboard/report.html?${YEAR_2025}&status=x`);
    assert.is(unknown.status, 422);
    assert.is((await small.call(`/api/review/dashboard/report.docx?${YEAR_2025}&commune=${BUSY}`)).status, 403);
    const reporter = await signedIn(server, 'reporter', SMALL);
    assert.is((await reporter.call(`/api/review/dashboard/report.html?${YEAR_2025}`)).status, 403);
  });
});
