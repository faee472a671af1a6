// The dossier's documents as data (no DOCX, no database): the Danh sách's groups and numbering, the counts, the
// header's lines, the signature, and the draft decision for each authority.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strFromU8, unzipSync } from 'fflate';
import { DOSSIER_DOCUMENT_KINDS } from '../../src/shared/batch-protocol';
import { buildDocument } from '../../src/server/documents/dossier';
import { renderDocx } from '../../src/server/documents/format/docx';
import { renderHtml } from '../../src/server/documents/format/html';
import { bodyLines, countWords, groupedCases, signatureOf } from '../../src/server/documents/common';
import { duThaoQuyetDinh } from '../../src/server/documents/decision-draft';
import type { Dossier, DossierCase } from '../../src/server/documents/dossier-data';
import { danhSach } from '../../src/server/documents/proposal';
import type { Block } from '../../src/server/documents/format/model';
import { sampleHeader } from '../support/dossier-fixtures';

const c = (caseId: string, subjectKind: DossierCase['subjectKind'], subjectName: string): DossierCase => ({
  caseId, position: Number(caseId), subjectKind, subjectName, workplaceOrRole: '', village: 'Bản Nà Ún', communeCode: '03637',
  communeName: 'Xã Mường Kim', deedDate: '2026-07-14', deedPlace: 'Suối Nậm Kim', deedDescription: 'Cứu người.', result: 'An toàn.',
  formId: 'giay_khen_chu_tich_ubnd_xa', formName: 'Giấy khen của Chủ tịch Ủy ban nhân dân xã', formLevel: 'xa', vote: null,
  outcome: null, status: 'proposed', decisionNumber: null, decisionDate: null, photos: [],
});

const dossier = (authority: Dossier['batch']['authority'], addressee: string): Dossier => ({
  batch: {
    id: 'b', status: 'draft', authority, area: '03637', publicId: 'p', header: sampleHeader({ addressee }), council: null,
    decision: null, notice: null, createdAt: '', submittedAt: null, decidedAt: null,
  },
  cases: [c('0', 'ho-gia-dinh', 'Hộ ông Lò'), c('1', 'ca-nhan', 'Lò Văn A'), c('2', 'tap-the', 'Đội văn nghệ'), c('3', 'ca-nhan', 'Tòng Thị B')],
});

const texts = (blocks: Block[]): string => JSON.stringify(blocks);

test('the Danh sách: individuals, collectives, households, numbered 1…N across groups', () => {
  const groups = groupedCases(dossier('commune', 'Chủ tịch Ủy ban nhân dân xã Mường Kim').cases);
  assert.equal(groups.map((g) => g.caption), ['I. CÁ NHÂN', 'II. TẬP THỂ', 'III. HỘ GIA ĐÌNH']);
  assert.equal(groups.flatMap((g) => g.items.map((i) => `${i.stt} ${i.c.subjectName}`)), ['1 Lò Văn A', '2 Tòng Thị B', '3 Đội văn nghệ', '4 Hộ ông Lò']);
  const table = danhSach(dossier('commune', 'x')).sections[0]!.blocks.find((b) => b.kind === 'table')!;
  assert.is(table.kind === 'table' && table.rows.filter(Array.isArray).length, 4);
});

test('counts, header lines and signatures', () => {
  assert.is(countWords(dossier('commune', 'x').cases), '02 cá nhân, 01 tập thể và 01 hộ gia đình');
  assert.is(countWords([c('1', 'ca-nhan', 'A')]), '01 cá nhân');
  assert.equal(bodyLines('Ủy ban nhân dân xã Mường Kim'), ['Ủy ban nhân dân', 'xã Mường Kim']);
  assert.equal(bodyLines('Ủy ban nhân dân tỉnh Lai Châu'), ['Ủy ban nhân dân', 'tỉnh Lai Châu']);
  assert.equal(bodyLines('Thủ tướng Chính phủ'), ['Thủ tướng Chính phủ']);
  assert.equal(signatureOf('KT. Chủ tịch / Phó Chủ tịch', 'Lò Văn Quyết', 'Ủy ban nhân dân xã Mường Kim'),
    { authority: ['KT. Chủ tịch'], title: 'Phó Chủ tịch', name: 'Lò Văn Quyết' });
  assert.equal(signatureOf('Chủ tịch', 'Lò Văn Quyết', 'Ủy ban nhân dân xã Mường Kim'),
    { authority: ['TM. Ủy ban nhân dân'], title: 'Chủ tịch', name: 'Lò Văn Quyết' });
});

test('the draft decision: the chairman of the commune or province, or the Prime Minister upward', () => {
  const commune = duThaoQuyetDinh(dossier('commune', 'Chủ tịch Ủy ban nhân dân xã Mường Kim')).sections[0]!.blocks;
  assert.ok(texts(commune).includes('"issuingBody":["Ủy ban nhân dân","xã Mường Kim"]'));
  assert.ok(texts(commune).includes('"title":"Chủ tịch"'));
  assert.ok(texts(commune).includes('Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã'));
  const province = texts(duThaoQuyetDinh(dossier('province', 'Chủ tịch Ủy ban nhân dân tỉnh Lai Châu')).sections[0]!.blocks);
  assert.ok(province.includes('Giám đốc Sở Nội vụ') && province.includes('"tỉnh Lai Châu"'));
  const upward = texts(duThaoQuyetDinh(dossier('upward', 'Thủ tướng Chính phủ')).sections[0]!.blocks);
  assert.ok(upward.includes('"issuingBody":["Thủ tướng Chính phủ"]') && upward.includes('"title":"Thủ tướng"'));
  assert.not.ok(upward.includes('Chánh Văn phòng'));
});

test('every document renders for an empty batch and for hostile text (XML specials escaped, forbidden characters dropped)', async () => {
  const empty = { ...dossier('commune', 'Chủ tịch Ủy ban nhân dân xã Mường Kim'), cases: [] };
  const hostile = dossier('commune', 'Chủ tịch <b>&</b>');
  hostile.cases[1] = { ...hostile.cases[1]!, subjectName: 'Lò <Văn> & "A"\u0001\uFFFE', deedDescription: '</w:t><w:t>x' };
  for (const d of [empty, hostile]) {
    for (const kind of DOSSIER_DOCUMENT_KINDS) {
      const doc = buildDocument(kind, d);
      const xml = strFromU8(unzipSync(await renderDocx(doc))['word/document.xml']!);
      assert.not.match(xml, /[\u0001\uFFFE]/, kind);
      assert.not.ok(xml.includes('<w:t>x'), kind);
      const html = renderHtml(doc);
      assert.not.ok(html.includes('<Văn>') || html.includes('<b>&'), kind);
      if (d === hostile && kind === 'danh-sach') assert.ok(xml.includes('Lò &lt;Văn&gt; &amp; ') && html.includes('Lò &lt;Văn&gt; &amp; &quot;A&quot;'));
    }
  }
});

test.run();
