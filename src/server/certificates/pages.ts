// The three print pages: a form's test print, a batch's certificates on blanks, and on plain paper.
import type { CertificateLayout, CertificatePrint } from '../../shared/certificate-protocol';
import { markup } from '../bulletin/markup';
import type { CertificateBatch } from './certificate-data';
import { printDocument, type PrintPage } from './print-page';
import { FULL_CSS, TEST_CSS, blankSheet, fullSheet, layoutCss, testSheet, type CertificateTexts } from './sheets';
import { placeDateLine } from '../documents/format/model';
import { awardHeading, decisionLine, signerTitle } from './wording';

/** What the test print shows where the real texts go (as long as usual ones, with every kind of diacritic). */
export const SAMPLE_TEXTS: CertificateTexts = {
  name: 'Lò Thị Mẫu Thử',
  achievement: 'Đã có thành tích dũng cảm lao xuống suối Nậm Kim cứu hai cháu nhỏ bị nước lũ cuốn trôi, được nhân dân trong bản ghi nhận',
  decision: 'Quyết định số 125/QĐ-UBND ngày 05/12/2026',
  placeDate: 'Mường Kim, ngày 05 tháng 12 năm 2026',
};

const PRINT_ADVICE = markup`<p>Trong hộp thoại in chọn: khổ giấy A4, hướng ngang, lề "Không có", tỷ lệ 100% (không "Vừa trang"), tắt "Đầu trang và chân trang".</p>`;

export function testPrintPage(formName: string, layout: CertificateLayout): PrintPage {
  const advice = markup`${PRINT_ADVICE}<p>In trang này lên giấy trắng, đặt lên phôi thật và soi dưới ánh sáng: chữ mẫu phải nằm đúng chỗ trống của phôi. Lệch bao nhiêu milimét thì sửa vị trí trong Quản trị → Thiết lập khen thưởng rồi in thử lại.</p>`;
  return printDocument(`In thử căn chỉnh phôi: ${formName}`, advice,
    testSheet('layout-0', formName, layout, SAMPLE_TEXTS), TEST_CSS + layoutCss([{ cls: 'layout-0', layout }]));
}

export function batchCertificatesPage(batch: CertificateBatch, print: CertificatePrint, layouts: ReadonlyMap<string, CertificateLayout>): PrintPage {
  const { decision } = batch;
  const common = {
    decision: decisionLine(decision.number, decision.date),
    placeDate: placeDateLine({ placeName: batch.placeName, date: decision.date }),
  };
  const count = markup`<p>${batch.entries.length} giấy khen của ${batch.entries.length} trường hợp được khen thưởng (không in trường hợp không được khen thưởng).</p>`;
  const title = `Giấy khen theo ${decisionLine(decision.number, decision.date)}`;
  if (print === 'full') {
    const signature = { authority: decision.authority, title: signerTitle(decision.authority), signer: decision.signer };
    const sheets = batch.entries.map((e) => fullSheet({ ...common, name: e.name, achievement: e.achievement }, awardHeading(e.formName), signature));
    return printDocument(`${title} (in đầy đủ trên giấy trắng)`, markup`${count}${PRINT_ADVICE}`, markup`${sheets}`, FULL_CSS);
  }
  const formIds = [...layouts.keys()];
  const classOf = (formId: string) => `layout-${formIds.indexOf(formId)}`;
  const sheets = batch.entries.map((e) => blankSheet(classOf(e.formId), { ...common, name: e.name, achievement: e.achievement }));
  const css = layoutCss(formIds.map((formId) => ({ cls: classOf(formId), layout: layouts.get(formId)! })));
  const advice = markup`${count}<p>Đặt phôi vào khay theo đúng chiều đã in thử. Mỗi trang một phôi.</p>${PRINT_ADVICE}`;
  return printDocument(`${title} (in lên phôi)`, advice, markup`${sheets}`, css);
}
