// c. Báo cáo tóm tắt thành tích: one per case (who, what they did, when and where, the result), all in one file,
// each case a section of its own whose page numbers start again.
import { formatDmy } from '../../shared/dates';
import { subjectKindNames } from '../../shared/reference';
import { agencyOf, formNameOf, listedCases, paragraphsOf, proposerSignature, proposingHeader } from './common';
import type { Dossier, DossierCase } from './dossier-data';
import type { Block, DocumentSection, OfficialDocument } from './format/model';

const field = (label: string, value: string): Block =>
  ({ kind: 'paragraph', runs: [{ text: `${label}: `, bold: true }, value] });
const heading = (text: string): Block => ({ kind: 'paragraph', indent: true, bold: true, runs: [text] });
const text = (t: string): Block[] => paragraphsOf(t).map((p) => ({ kind: 'paragraph', runs: [p] }));

function about(c: DossierCase): Block[] {
  if (c.subjectKind === 'ca-nhan') {
    return [
      field('Họ và tên', c.subjectName),
      ...(c.workplaceOrRole ? [field('Chức vụ, đơn vị công tác', c.workplaceOrRole)] : []),
      field('Nơi cư trú', [c.village, c.communeName, 'tỉnh Lai Châu'].filter(Boolean).join(', ')),
    ];
  }
  return [
    field(c.subjectKind === 'tap-the' ? 'Tên tập thể' : 'Hộ gia đình', c.subjectName),
    field('Địa chỉ', [c.village, c.communeName, 'tỉnh Lai Châu'].filter(Boolean).join(', ')),
  ];
}

function caseSection(d: Dossier, stt: number, c: DossierCase): DocumentSection {
  return {
    orientation: 'portrait',
    restartNumbering: true,
    blocks: [
      { kind: 'header', header: proposingHeader(d, '') },
      { kind: 'title', type: 'Báo cáo tóm tắt thành tích', summary: [`Đề nghị tặng ${formNameOf(c)}`] },
      { kind: 'paragraph', align: 'center', indent: false, italic: true, runs: [`(Trường hợp số ${stt} trong Danh sách đề nghị khen thưởng)`] },
      heading(`I. SƠ LƯỢC VỀ ${subjectKindNames[c.subjectKind].toLocaleUpperCase('vi')}`),
      ...about(c),
      heading('II. THÀNH TÍCH ĐẠT ĐƯỢC'),
      field('1. Thời gian, địa điểm', `ngày ${formatDmy(c.deedDate)}, tại ${c.deedPlace}.`),
      heading('2. Việc làm'),
      ...text(c.deedDescription),
      heading('3. Kết quả, tác dụng'),
      ...text(c.result),
      heading('III. HÌNH THỨC ĐỀ NGHỊ KHEN THƯỞNG'),
      { kind: 'paragraph', runs: [`${d.batch.header.proposingBody} đề nghị ${d.batch.header.addressee} tặng ${formNameOf(c)}.`] },
      { kind: 'closing', recipients: [], signature: proposerSignature(d) },
    ],
  };
}

export function baoCaoThanhTich(d: Dossier): OfficialDocument {
  const sections = listedCases(d.cases).map(({ stt, c }) => caseSection(d, stt, c));
  return {
    title: 'Báo cáo tóm tắt thành tích',
    sections: sections.length > 0 ? sections : [{
      orientation: 'portrait',
      blocks: [
        { kind: 'header', header: proposingHeader(d, `BC-${agencyOf(d.batch.header.symbol)}`) },
        { kind: 'title', type: 'Báo cáo tóm tắt thành tích', summary: [] },
        { kind: 'paragraph', runs: ['Đợt đề nghị chưa có trường hợp nào.'] },
      ],
    }],
  };
}
