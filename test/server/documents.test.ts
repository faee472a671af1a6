// The documents of a proposal batch (issue #10, point 3): loadDossier and the routes on both databases (access by
// area, 404 outside it, the ZIP's entries and photo bytes), and, once, every generated DOCX opened by LibreOffice
// and read back from the PDF (A4, landscape Danh sách, margins, Quốc hiệu and Tiêu ngữ, diacritics intact, one
// Danh sách row per case, Times New Roman named in the DOCX), and the print pages.
import * as assert from 'uvu/assert';
import { strFromU8, unzipSync } from 'fflate';
import { join } from 'node:path';
import { batchApi, DOSSIER_DOCUMENT_KINDS, type DossierDocumentKind } from '../../src/shared/batch-protocol';
import { PROVINCE_AREA } from '../../src/shared/sync-protocol';
import { ethnicName } from '../../src/shared/reference';
import { loadDossier } from '../../src/server/documents/dossier-data';
import { documentFileName } from '../../src/server/documents/dossier';
import { MARGIN_MM, MOTTO, NATIONAL_TITLE } from '../../src/server/documents/format/constants';
import { PhotoStore } from '../../src/server/photos/store';
import type { Client } from '../support/api-client';
import { signedIn } from '../support/api-client';
import { newCaseId } from '../support/case-fixtures';
import { insertBatch, MUONG_KIM, sampleCouncil, type BatchSeed } from '../support/dossier-fixtures';
import { convertToPdf, isA4Landscape, isA4Portrait, marginProblems, pageSizes, pdfText, removeDir, words } from '../support/office';
import { COMMUNE_FORM, MEETING, newBatch, proposedCase, submitted } from '../support/batch-fixtures';
import { launchBrowser, newDesktopContext } from '../support/browser';
import { collectCspViolations } from '../support/csp-violations';
import { forEachDatabase, type Ctx } from './helpers';

const OTHER = '03640';
const MM = 72 / 25.4;
let convertedOnce = false;

async function download(client: Client, server: Ctx['server'], path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const res = await fetch(server.url + path, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}


/** The numbers in the Danh sách's STT column (its first 12 mm, below the top margin), in reading order. */
const sttColumn = (pdf: string): number[] => words(pdf)
  .filter((w) => w.xMax < (MARGIN_MM.left + 12) * MM && /^\d+$/.test(w.text) && w.yMin > MARGIN_MM.top * MM).map((w) => Number(w.text));

/** Each print page as Chromium prints it (its own CSS page size), with what its CSP refused. */
async function printPages(server: Ctx['server'], client: Client, batchId: string, kinds: readonly DossierDocumentKind[], dir: string) {
  const browser = await launchBrowser();
  try {
    const context = await newDesktopContext(browser, server.url);
    const [name, ...value] = client.cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
    const refused = await collectCspViolations(context);
    const page = await context.newPage();
    const pdfs: Record<string, string> = {};
    for (const kind of kinds) {
      const r = await page.goto(batchApi.document(batchId, kind, 'html'));
      assert.is(r?.status(), 200);
      pdfs[kind] = join(dir, `${kind}.html.pdf`);
      await page.pdf({ path: pdfs[kind], preferCSSPageSize: true, printBackground: true });
    }
    return { pdfs, refused };
  } finally {
    await browser.close();
  }
}

forEachDatabase('documents', (test) => {
  let commune: Client;
  let seed: BatchSeed;

  test.before(async ({ server }) => {
    commune = await signedIn(server, 'commune-reviewer', MUONG_KIM);
    seed = await insertBatch(server.db(), {
      createdBy: commune.user.id, count: 12, notice: { from: '2026-11-20', until: '2026-11-30' },
      photos: { store: new PhotoStore(join(server.dataDir, 'photos')), perCase: (i) => (i < 3 ? 2 : i === 3 ? 1 : 0) },
    });
  });

  test('loadDossier: the batch and its cases in order, forms from the list, votes, photos; no ethnicity', async ({ server }) => {
    const d = (await loadDossier(server.db(), seed.batchId))!;
    assert.is(d.batch.header.symbol, 'TTr-UBND');
    assert.equal(d.batch.council, sampleCouncil);
    assert.equal(d.batch.notice, { from: '2026-11-20', until: '2026-11-30', comments: 0 });
    assert.equal(d.cases.map((c) => c.caseId), seed.caseIds);
    assert.equal(d.cases.map((c) => c.subjectName), seed.names);
    assert.ok(d.cases.every((c) => c.formName === 'Giấy khen của Chủ tịch Ủy ban nhân dân xã' && c.formLevel === 'xa'));
    assert.ok(d.cases.every((c) => c.communeName === 'Xã Mường Kim'));
    assert.equal(d.cases[2]!.vote, { caseId: seed.caseIds[2], agree: 7, voters: 9 });
    assert.equal(d.cases.map((c) => c.photos.length), [2, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const json = JSON.stringify(d);
    assert.not.ok(/ethnic|birthYear|gender|reporterPhone/.test(json));
    assert.is(await loadDossier(server.db(), newCaseId()), undefined);
  });

  test('access: the commune and the province read it; another commune, a reporter, a wrong kind get no document', async ({ server }) => {
    const province = await signedIn(server, 'province-reviewer', PROVINCE_AREA);
    const neighbour = await signedIn(server, 'commune-reviewer', OTHER);
    const reporter = await signedIn(server, 'reporter', MUONG_KIM);
    const path = batchApi.document(seed.batchId, 'to-trinh', 'docx');
    assert.is((await download(commune, server, path)).status, 200);
    assert.is((await download(province, server, path)).status, 200);
    const outside = await neighbour.call(path);
    assert.is(outside.status, 404);
    assert.is(outside.body.error, 'not-found');
    assert.is((await neighbour.call(batchApi.dossier(seed.batchId))).status, 404);
    assert.is((await reporter.call(path)).status, 403);
    assert.is((await commune.call(`/api/review/batches/${seed.batchId}/documents/to-trinh.pdf`)).status, 404);
    assert.is((await commune.call(`/api/review/batches/${seed.batchId}/documents/khac.docx`)).status, 404);
    assert.is((await commune.call(batchApi.document(newCaseId(), 'to-trinh', 'html'))).status, 404);
    // A provincial batch belongs to the province: a commune reviewer does not see it even for their commune's cases.
    const upward = await insertBatch(server.db(), { createdBy: province.user.id, count: 1, authority: 'province', formId: 'bang_khen_chu_tich_ubnd_tinh' });
    assert.is((await commune.call(batchApi.document(upward.batchId, 'danh-sach', 'html'))).status, 404);
    assert.is((await download(province, server, batchApi.document(upward.batchId, 'danh-sach', 'html'))).status, 200);
  });

  test('the print pages: A4 @page, landscape Danh sách, escaped text, their own CSP, inline with a Vietnamese name', async ({ server }) => {
    for (const kind of DOSSIER_DOCUMENT_KINDS) {
      const r = await commune.call(batchApi.document(seed.batchId, kind, 'html'));
      assert.is(r.status, 200, kind);
      assert.match(r.headers.get('content-type')!, /^text\/html; charset=utf-8/);
      assert.match(r.headers.get('content-security-policy')!, /style-src 'sha256-/);
      assert.ok(r.headers.get('content-disposition')!.includes(`filename*=UTF-8''${encodeURIComponent(`${documentFileName(kind)}.html`)}`));
      assert.match(r.text, /@page \{ size: A4 portrait;/);
      assert.ok(r.text.includes(NATIONAL_TITLE) && r.text.includes(MOTTO), kind);
      assert.is(r.text.includes('<section class="landscape">'), kind === 'danh-sach', kind);
      if (kind !== 'to-trinh') for (const name of seed.names) assert.ok(r.text.includes(name), `${kind}: ${name}`);
    }
  });

  test('the dossier ZIP: the five documents and each case\'s photos, Vietnamese UTF-8 names, the same bytes', async ({ server }) => {
    const r = await download(commune, server, batchApi.dossier(seed.batchId));
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'application/zip');
    assert.match(r.headers.get('content-disposition')!, /filename\*=UTF-8''H%E1%BB%93%20s%C6%A1/);
    const flags = r.bytes[6]! | (r.bytes[7]! << 8);
    assert.ok(flags & (1 << 11), 'the UTF-8 flag');
    const files = unzipSync(r.bytes);
    const docs = DOSSIER_DOCUMENT_KINDS.map((k) => `${documentFileName(k)}.docx`);
    assert.equal(docs, ['01 Tờ trình đề nghị khen thưởng.docx', '02 Danh sách đề nghị khen thưởng.docx', '03 Báo cáo tóm tắt thành tích.docx',
      '04 Biên bản họp Hội đồng Thi đua - Khen thưởng.docx', '05 Dự thảo Quyết định khen thưởng.docx']);
    const photos = Object.keys(files).filter((n) => n.startsWith('Ảnh/'));
    assert.equal(Object.keys(files).filter((n) => !n.startsWith('Ảnh/')), docs);
    // Danh sách order: individuals (cases 0, 3, 6, 9) then collectives (1, 4, …): case 0 is 001, case 3 is 002, case 1 is 005.
    assert.equal(photos.sort(), [
      `Ảnh/001 ${seed.names[0]}/1.jpg`, `Ảnh/001 ${seed.names[0]}/2.jpg`, `Ảnh/002 ${seed.names[3]}/1.jpg`,
      `Ảnh/005 ${seed.names[1]}/1.jpg`, `Ảnh/005 ${seed.names[1]}/2.jpg`, `Ảnh/009 ${seed.names[2]}/1.jpg`, `Ảnh/009 ${seed.names[2]}/2.jpg`,
    ].sort());
    assert.equal(files[`Ảnh/001 ${seed.names[0]}/2.jpg`], new Uint8Array(seed.photoBytes[0]![1]!));
    assert.equal(files[`Ảnh/009 ${seed.names[2]}/1.jpg`], new Uint8Array(seed.photoBytes[2]![0]!));
    for (const doc of docs) {
      const parts = unzipSync(files[doc]!);
      assert.match(strFromU8(parts['word/document.xml']!), /w:ascii="Times New Roman"/, doc);
      assert.match(strFromU8(parts['word/styles.xml']!), /Times New Roman/, doc);
    }
  });

  test('a batch made through the batch API: its header, council and cases reach the documents and the ZIP', async ({ server }) => {
    const reporter = await signedIn(server, 'reporter', MUONG_KIM);
    const ids = [
      await proposedCase(reporter, commune, COMMUNE_FORM, { subjectName: 'Quàng Văn Ánh' }),
      await proposedCase(reporter, commune, COMMUNE_FORM, { subjectKind: 'tap-the', subjectName: 'Đội văn nghệ bản Nà Ún', birthYear: undefined, gender: undefined, ethnicityCode: undefined }),
    ];
    const batch = await submitted(commune, await newBatch(commune, ids));
    const html = await commune.call(batchApi.document(batch.id, 'bien-ban', 'html'));
    assert.is(html.status, 200);
    for (const s of ['Quàng Văn Ánh', 'Đội văn nghệ bản Nà Ún', MEETING.chair, `${MEETING.present}/${MEETING.total} thành viên`, 'Tờ trình số 12/TTr-UBND ngày 05 tháng 8 năm 2026']) {
      assert.ok(html.text.includes(s), s);
    }
    const toTrinh = await commune.call(batchApi.document(batch.id, 'to-trinh', 'html'));
    assert.ok(toTrinh.text.includes('Tòng Văn Hưng') && toTrinh.text.includes('01 cá nhân và 01 tập thể'));
    const zip = unzipSync((await download(commune, server, batchApi.dossier(batch.id))).bytes);
    assert.is(Object.keys(zip).filter((n) => n.endsWith('.docx')).length, 5);
  });

  test('every DOCX opened by LibreOffice and every print page printed by Chromium (once): A4, margins, header, diacritics, one Danh sách row per case', async ({ server }) => {
    if (convertedOnce) return;   // the same documents on the other database: the conversion is slow (~5 s a run)
    convertedOnce = true;
    const files: Record<string, Uint8Array> = {};
    for (const kind of DOSSIER_DOCUMENT_KINDS) files[kind] = (await download(commune, server, batchApi.document(seed.batchId, kind, 'docx'))).bytes;
    const { dir, pdfs } = convertToPdf(files);
    try {
      const text = (k: DossierDocumentKind) => pdfText(pdfs[k]!).normalize('NFC').replace(/\s+/g, ' ');
      for (const kind of DOSSIER_DOCUMENT_KINDS) {
        const pdf = pdfs[kind]!;
        const sizes = pageSizes(pdf);
        assert.ok(sizes.every(kind === 'danh-sach' ? isA4Landscape : isA4Portrait), `${kind}: ${JSON.stringify(sizes)}`);
        assert.equal(marginProblems(pdf, MARGIN_MM), [], kind);
        const t = text(kind);
        assert.ok(t.includes(NATIONAL_TITLE) && t.includes(MOTTO), `${kind}: Quốc hiệu, Tiêu ngữ`);
        assert.not.ok(t.includes(ethnicName('03')), `${kind}: no ethnicity`);
      }
      const toTrinh = text('to-trinh');
      for (const s of ['Số: 12/TTr-UBND', 'Mường Kim, ngày 05 tháng 12 năm 2026', 'TỜ TRÌNH', 'Kính gửi: Chủ tịch Ủy ban nhân dân xã Mường Kim.',
        'Căn cứ Luật Thi đua, khen thưởng', '04 cá nhân, 04 tập thể và 04 hộ gia đình', 'có 9/11 thành viên dự họp', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lò Văn Quyết', '- Lưu: VT.']) {
        assert.ok(toTrinh.includes(s), `Tờ trình: ${s}`);
      }
      // One row per case: the STT column holds exactly 1…12.
      assert.equal(sttColumn(pdfs['danh-sach']!), Array.from({ length: 12 }, (_, i) => i + 1));
      const list = text('danh-sach');
      for (const name of seed.names) assert.ok(list.includes(name.split(' ').slice(0, 2).join(' ')), `Danh sách: ${name}`);
      assert.ok(list.includes('I. CÁ NHÂN') && list.includes('II. TẬP THỂ') && list.includes('III. HỘ GIA ĐÌNH'));
      const reports = text('bao-cao-thanh-tich');
      assert.ok(pageSizes(pdfs['bao-cao-thanh-tich']!).length >= 12, 'a case per section');
      for (const name of seed.names) assert.ok(reports.includes(name), `Báo cáo: ${name}`);
      assert.ok(reports.includes('Ngày lũ về') && reports.includes('đường vào bản thông suốt'));
      const minutes = text('bien-ban');
      for (const s of ['BIÊN BẢN', 'Nguyễn Văn Bình', '9/11 thành viên', 'từ ngày 20/11/2026 đến ngày 30/11/2026', '7/9', 'KẾT LUẬN']) {
        assert.ok(minutes.includes(s), `Biên bản: ${s}`);
      }
      const decision = text('du-thao-quyet-dinh');
      for (const s of ['QUYẾT ĐỊNH:', 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM', 'Điều 1.', 'Điều 2.', 'Điều 3.', 'Số:', '/QĐ-UBND']) {
        assert.ok(decision.includes(s), `Quyết định: ${s}`);
      }

      // The same documents as print pages, printed by Chromium: the stylesheet applies (its CSP hash matches), A4
      // with the landscape Danh sách, the same margins, Quốc hiệu and Tiêu ngữ, one STT per case.
      const printed = await printPages(server, commune, seed.batchId, DOSSIER_DOCUMENT_KINDS, dir);
      assert.equal(printed.refused, []);
      for (const kind of DOSSIER_DOCUMENT_KINDS) {
        const pdf = printed.pdfs[kind]!;
        const sizes = pageSizes(pdf);
        assert.ok(sizes.every(kind === 'danh-sach' ? isA4Landscape : isA4Portrait), `print ${kind}: ${JSON.stringify(sizes)}`);
        assert.equal(marginProblems(pdf, MARGIN_MM), [], `print ${kind}`);
        const t = pdfText(pdf).normalize('NFC').replace(/\s+/g, ' ');
        assert.ok(t.includes(NATIONAL_TITLE) && t.includes(MOTTO), `print ${kind}: Quốc hiệu, Tiêu ngữ`);
      }
      assert.ok(pageSizes(printed.pdfs['bao-cao-thanh-tich']!).length >= 12, 'print: a case per page section');
      assert.equal(sttColumn(printed.pdfs['danh-sach']!), Array.from({ length: 12 }, (_, i) => i + 1));
    } finally {
      removeDir(dir);
    }
  });
});
