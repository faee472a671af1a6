// The certificate print pages of a batch (made, submitted and decided through the batch API): one sheet per
// COMMENDED case on blanks and on plain paper, each form's calibrated positions, every text escaped, nothing beyond the
// certificate (no ethnicity, no birth year); who may print (the batch's managers; 404 outside the area); a batch
// not yet decided is a Vietnamese 409 page.
import * as assert from 'uvu/assert';
import { batchApi, type BatchDetail } from '../../src/shared/batch-protocol';
import { DEFAULT_CERTIFICATE_LAYOUT, certificateApi } from '../../src/shared/certificate-protocol';
import { ethnicName } from '../../src/shared/reference';
import { reviewApi } from '../../src/shared/review-protocol';
import { call, signedIn, type Client } from '../support/api-client';
import { DECISION, newBatch, post, proposedCase, submitted } from '../support/batch-fixtures';
import { forEachDatabase } from './helpers';

const sheets = (html: string) => html.match(/<section class="sheet[ "]/g)?.length ?? 0;

forEachDatabase('certificate print pages', (test) => {
  let reporter: Client;
  let commune: Client;
  let otherCommune: Client;
  let province: Client;
  let admin: Client;
  let batch: BatchDetail;
  const names = ['Lò Thị Mai', 'Vàng A Sử', 'Hội <Phụ nữ> & "bản" Nà Ún', 'Tòng Văn Không Khen', 'Lường Văn Ẩn'];

  test('setup: five proposed cases (four for a Giấy khen, one for Lao động tiên tiến) in a submitted batch', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    commune = await signedIn(server, 'commune-reviewer', '03637');
    otherCommune = await signedIn(server, 'commune-reviewer', '03640');
    province = await signedIn(server, 'province-reviewer', '12');
    admin = await signedIn(server, 'admin', '12');
    const ids = [
      await proposedCase(reporter, commune, undefined, { subjectName: names[0], gender: 'nu', ethnicityCode: '03', birthYear: 1988 }),
      await proposedCase(reporter, commune, undefined, { subjectName: names[1], gender: 'nam', ethnicityCode: '04', birthYear: 1975,
        deedDescription: 'Anh Sử đã hiến 300 m² đất để mở đường vào bản. Anh còn vận động các hộ khác.' }),
      await proposedCase(reporter, commune, undefined, { subjectKind: 'tap-the', subjectName: names[2], gender: undefined, ethnicityCode: undefined, birthYear: undefined }),
      await proposedCase(reporter, commune, undefined, { subjectName: names[3], gender: 'nam', ethnicityCode: '03', birthYear: 1990 }),
      await proposedCase(reporter, commune, 'lao_dong_tien_tien', { subjectName: names[4], gender: 'nam', ethnicityCode: '03', birthYear: 1992 }),
    ];
    batch = await submitted(commune, await newBatch(commune, ids));
  });

  test('before the decision: a Vietnamese 409 page, for both prints', async () => {
    for (const print of ['blank', 'full'] as const) {
      const r = await commune.call(certificateApi.batch(batch.id, print));
      assert.is(r.status, 409, r.text);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      assert.match(r.text, /Đợt đề nghị chưa có quyết định khen thưởng/);
      assert.is(sheets(r.text), 0);
    }
  });

  test('on blanks: one sheet per commended case, at the calibrated positions, escaped, nothing else of the case', async () => {
    const notCommended = batch.cases[3]!.caseId;
    const decided = await post<BatchDetail>(commune, batchApi.decision(batch.id), {
      ...DECISION, date: '2026-12-05', notCommended: [{ caseId: notCommended, comment: 'Chưa đủ tiêu biểu', returnTo: 'rejected' }],
    });
    assert.is(decided.status, 200, decided.text);

    const layout = { ...DEFAULT_CERTIFICATE_LAYOUT, achievement: { x: 20, y: 120.5, width: 250, fontSize: 16, align: 'left' } };
    assert.is((await admin.call(certificateApi.layout('giay_khen_chu_tich_ubnd_xa'), { method: 'PUT', json: layout })).status, 200);

    const r = await commune.call(certificateApi.batch(batch.id, 'blank'));
    assert.is(r.status, 200, r.text);
    assert.is(sheets(r.text), 4, 'four commended; the one not commended is not printed');
    assert.is(r.text.match(/<section class="sheet layout-0">/g)?.length, 3, 'the Giấy khen at its calibration');
    assert.is(r.text.match(/<section class="sheet layout-1">/g)?.length, 1, 'Lao động tiên tiến at its own (the default)');
    const d = DEFAULT_CERTIFICATE_LAYOUT.achievement;
    assert.match(r.text, new RegExp(`\\.layout-1 \\.f-achievement \\{ left: ${d.x}mm; top: ${d.y}mm;`));
    assert.match(r.text, /@page \{ size: A4 landscape; margin: 0; \}/);
    assert.match(r.text, /\.layout-0 \.f-achievement \{ left: 20mm; top: 120\.5mm; width: 250mm; font-size: 16pt; text-align: left; \}/);
    assert.match(r.text, /<p class="f f-name">Lò Thị Mai<\/p>/);
    assert.match(r.text, /<p class="f f-name">Vàng A Sử<\/p>/);
    assert.match(r.text, /<p class="f f-name">Hội &lt;Phụ nữ&gt; &amp; &quot;bản&quot; Nà Ún<\/p>/, 'escaped');
    assert.not.match(r.text, /<Phụ nữ>/);
    assert.not.match(r.text, /Tòng Văn Không Khen/);
    assert.match(r.text, /Đã có thành tích hiến 300 m² đất để mở đường vào bản</);
    assert.match(r.text, /Đã có thành tích lao xuống suối cứu hai cháu nhỏ bị nước lũ cuốn trôi</);
    assert.is(r.text.match(/<p class="f f-decision">Quyết định số 125\/QĐ-UBND ngày 05\/12\/2026<\/p>/g)?.length, 4);
    assert.is(r.text.match(/<p class="f f-placeDate">Mường Kim, ngày 05 tháng 12 năm 2026<\/p>/g)?.length, 4);
    for (const code of ['03', '04']) assert.not.match(r.text, new RegExp(ethnicName(code)), 'no ethnicity');
    assert.not.match(r.text, /(?<![0-9a-f])(?:1988|1975|1992)(?![0-9a-f])|Bản Nà Ún|Vàng A Sử \(|0912/, 'no birth year, village or reporter');
    assert.match(r.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'sha256-/);
  });

  test('on plain paper: the same four, each a whole certificate', async () => {
    const r = await commune.call(certificateApi.batch(batch.id, 'full'));
    assert.is(r.status, 200, r.text);
    assert.is(sheets(r.text), 4);
    assert.is(r.text.match(/<p class="award">TẶNG GIẤY KHEN<\/p>/g)?.length, 3);
    assert.is(r.text.match(/<p class="award">CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN<\/p>/g)?.length, 1);
    assert.is(r.text.match(/<p class="authority">CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM<\/p>/g)?.length, 4);
    assert.is(r.text.match(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/g)?.length, 4);
    assert.is(r.text.match(/<p class="signer">Tòng Văn Hưng<\/p>/g)?.length, 4);
    assert.not.match(r.text, /Tòng Văn Không Khen/);
  });

  test('who may print: the batch\'s managers; 404 outside the area or for no such batch; reporters 403', async ({ server }) => {
    assert.is((await province.call(certificateApi.batch(batch.id, 'blank'))).status, 200, 'the province manages every batch');
    const outside = await otherCommune.call(certificateApi.batch(batch.id, 'blank'));
    assert.is(outside.status, 404);
    assert.match(outside.text, /Không tìm thấy đợt đề nghị này/);
    assert.not.match(outside.text, /Lò Thị Mai/);
    assert.is((await reporter.call(certificateApi.batch(batch.id, 'blank'))).status, 403);
    assert.is((await call(server, certificateApi.batch(batch.id, 'blank'))).status, 401);
    assert.is((await commune.call(certificateApi.batch('0190f000-0000-7000-8000-000000000000', 'blank'))).status, 404);
    assert.is((await commune.call(certificateApi.batch('khong-phai-ma', 'full'))).status, 404);
    assert.is((await commune.call(`/api/review/certificates/batch/${batch.id}/other.html`)).status, 404);
  });

  test('a case erased at its subject\'s request prints nothing; a batch with no one left to print is a 409', async () => {
    const erase = (caseId: string) => admin.call(reviewApi.erasure(caseId), { method: 'POST', json: { caseId, reason: 'Đơn yêu cầu số 7/2026' } });
    assert.is((await erase(batch.cases[0]!.caseId)).status, 200);
    const r = await commune.call(certificateApi.batch(batch.id, 'blank'));
    assert.is(r.status, 200, r.text);
    assert.is(sheets(r.text), 3);
    assert.not.match(r.text, /Lò Thị Mai/);
    for (const c of [batch.cases[1]!, batch.cases[2]!, batch.cases[4]!]) assert.is((await erase(c.caseId)).status, 200);
    const none = await commune.call(certificateApi.batch(batch.id, 'full'));
    assert.is(none.status, 409);
    assert.match(none.text, /không có hồ sơ nào được khen thưởng nên không có giấy khen để in/);
  });
});
