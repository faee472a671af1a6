// The format kit (server/documents/format): one model rendered as DOCX and as a print page. The DOCX is opened by
// LibreOffice (converted to PDF, read with poppler): A4, the margins, the header's texts with their diacritics,
// a landscape section, page numbers from page 2 in the top margin, Times New Roman named in the DOCX.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { MARGIN_MM, MOTTO, NATIONAL_TITLE } from '../../src/server/documents/format/constants';
import { renderDocx } from '../../src/server/documents/format/docx';
import { DOCUMENT_CSP, DOCUMENT_STYLESHEET, renderHtml } from '../../src/server/documents/format/html';
import { basisLines, dateWords, numberLine, recipientLines, type OfficialDocument } from '../../src/server/documents/format/model';
import { convertToPdf, isA4Landscape, isA4Portrait, pageSizes, pdfFontNames, pdfText, removeDir, words } from '../support/office';

const MM = 72 / 25.4;
const LONG = 'Anh Lò Văn Hùng đã lao xuống dòng suối Nậm Mu đang lũ để cứu hai cháu nhỏ bị nước cuốn trôi, đưa các cháu vào bờ an toàn và sơ cứu kịp thời trước khi cán bộ y tế xã đến nơi. ';

const sample: OfficialDocument = {
  title: 'Tờ trình thử',
  sections: [
    {
      orientation: 'portrait',
      blocks: [
        { kind: 'header', header: { issuingBody: ['Ủy ban nhân dân', 'xã Mường Kim'], number: '5', symbol: 'TTr-UBND', placeName: 'Mường Kim', date: '2026-12-05' } },
        { kind: 'title', type: 'Tờ trình', summary: ['Về việc đề nghị tặng Giấy khen'] },
        { kind: 'addressee', to: ['Chủ tịch Ủy ban nhân dân xã Mường Kim'] },
        { kind: 'bases', bases: ['Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022', 'căn cứ Nghị định số 98/2023/NĐ-CP;'], last: ';' },
        ...Array.from({ length: 14 }, (_, i) => ({ kind: 'paragraph' as const, runs: [`${i + 1}. `, LONG.repeat(2), { text: 'Kết quả <tốt> & "rõ".', bold: true }] })),
        { kind: 'closing', recipients: ['Như trên', 'Lưu: VT'], signature: { authority: ['TM. Ủy ban nhân dân'], title: 'Chủ tịch', name: 'Nguyễn Thị Hoa' } },
      ],
    },
    {
      orientation: 'landscape',
      blocks: [
        { kind: 'table', columns: [{ header: 'STT', width: 0.1, align: 'center' }, { header: 'Họ và tên', width: 0.4 }, { header: 'Tóm tắt thành tích', width: 0.5, align: 'justify' }],
          rows: [{ group: 'I. CÁ NHÂN' }, ['1', 'Lò Văn Hùng', LONG], { group: 'II. TẬP THỂ' }, ['2', 'Bản Nà Luồng', LONG]] },
      ],
    },
  ],
};

test('dates, numbers, bases and recipients follow the decree', () => {
  assert.is(dateWords('2026-12-05'), 'ngày 05 tháng 12 năm 2026');
  assert.is(dateWords('2026-02-15'), 'ngày 15 tháng 02 năm 2026');
  assert.is(dateWords('2026-03-09'), 'ngày 09 tháng 3 năm 2026');
  assert.is(dateWords(''), 'ngày … tháng … năm …');
  assert.is(numberLine({ number: '5', symbol: 'TTr-UBND' }), 'Số: 05/TTr-UBND');
  assert.is(numberLine({ number: '125', symbol: 'QĐ-UBND' }), 'Số: 125/QĐ-UBND');
  assert.equal(basisLines(['Luật A.', 'căn cứ Nghị định B;'], ';'), ['Căn cứ Luật A;', 'Căn cứ Nghị định B;']);
  assert.equal(recipientLines(['Như trên;', 'Lưu: VT']), ['- Như trên;', '- Lưu: VT.']);
});

test('the print page: A4 @page, escaped text, a stylesheet its CSP allows by hash', () => {
  const html = renderHtml({ ...sample, title: 'Thử <script>alert(1)</script>' });
  assert.match(html, /@page \{ size: A4 portrait; margin: 20mm 15mm 20mm 30mm;/);
  assert.match(html, /@page landscape \{ size: A4 landscape;/);
  assert.match(html, /<section class="landscape">/);
  assert.ok(html.includes(NATIONAL_TITLE) && html.includes(MOTTO));
  assert.ok(html.includes('Mường Kim, ngày 05 tháng 12 năm 2026'));
  assert.ok(html.includes('Kết quả &lt;tốt&gt; &amp; &quot;rõ&quot;.'));
  assert.not.ok(html.includes('<script>'));
  assert.not.match(html, / style="/);
  const hash = createHash('sha256').update(DOCUMENT_STYLESHEET).digest('base64');
  assert.ok(html.includes(`<style>${DOCUMENT_STYLESHEET}</style>`));
  assert.ok(DOCUMENT_CSP.includes(`'sha256-${hash}'`));
});

test('the DOCX opened by LibreOffice: A4, margins, header, landscape section, page numbers from page 2, fonts', async () => {
  const docx = await renderDocx(sample);
  const parts = unzipSync(docx);
  const documentXml = strFromU8(parts['word/document.xml']!);
  assert.match(documentXml, /w:ascii="Times New Roman"/);
  assert.match(strFromU8(parts['word/styles.xml']!), /Times New Roman/);

  const { dir, pdfs } = convertToPdf({ sample: docx });
  try {
    const pdf = pdfs.sample!;
    const sizes = pageSizes(pdf);
    assert.ok(sizes.length >= 3, `pages: ${sizes.length}`);
    assert.ok(sizes.slice(0, -1).every(isA4Portrait), JSON.stringify(sizes));
    assert.ok(isA4Landscape(sizes.at(-1)!), JSON.stringify(sizes.at(-1)));

    const text = pdfText(pdf).normalize('NFC');
    for (const expected of [NATIONAL_TITLE, MOTTO, 'Mường Kim, ngày 05 tháng 12 năm 2026', 'Số: 05/TTr-UBND', 'ỦY BAN NHÂN DÂN', 'XÃ MƯỜNG KIM',
      'TỜ TRÌNH', 'Kính gửi: Chủ tịch Ủy ban nhân dân xã Mường Kim.', 'Căn cứ Luật Thi đua, khen thưởng', 'Nơi nhận:', '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN', 'Nguyễn Thị Hoa', 'Kết quả <tốt> & "rõ".', 'Nậm Mu', 'I. CÁ NHÂN']) {
      assert.ok(text.includes(expected), `missing: ${expected}`);
    }

    const all = words(pdf);
    const body = all.filter((w) => !(w.yMax < MARGIN_MM.top * MM));   // the page numbers sit in the top margin
    for (const [page, size] of sizes.entries()) {
      const on = body.filter((w) => w.page === page + 1);
      assert.ok(on.length > 0);
      const left = Math.min(...on.map((w) => w.xMin));
      const right = Math.max(...on.map((w) => w.xMax));
      const top = Math.min(...on.map((w) => w.yMin));
      const bottom = Math.max(...on.map((w) => w.yMax));
      assert.ok(left >= MARGIN_MM.left * MM - 1, `page ${page + 1}: left ${left}`);
      assert.ok(left <= MARGIN_MM.left * MM + 20, `page ${page + 1}: left ${left} (text should start at the margin)`);
      assert.ok(right <= size.width - MARGIN_MM.right * MM + 1, `page ${page + 1}: right ${right}`);
      assert.ok(top >= MARGIN_MM.top * MM - 1, `page ${page + 1}: top ${top}`);
      assert.ok(bottom <= size.height - MARGIN_MM.bottom * MM + 1, `page ${page + 1}: bottom ${bottom}`);
    }
    const numbers = all.filter((w) => w.yMax < MARGIN_MM.top * MM);
    assert.not.ok(numbers.some((w) => w.page === 1), 'no number on page 1');
    for (let page = 2; page <= sizes.length; page++) {
      const n = numbers.find((w) => w.page === page);
      assert.ok(n, `page ${page} has its number`);
      assert.is(n.text, String(page));
      const centre = (n.xMin + n.xMax) / 2;
      const mid = (MARGIN_MM.left * MM + sizes[page - 1]!.width - MARGIN_MM.right * MM) / 2;
      assert.ok(Math.abs(centre - mid) < 10, `page ${page}: number at ${centre}, text centre ${mid}`);
    }
    assert.ok(pdfFontNames(pdf).every((f) => /^(TimesNewRoman|LiberationSerif)/.test(f)), pdfFontNames(pdf).join());
  } finally {
    removeDir(dir);
  }
});

test.run();
