// a. Tờ trình đề nghị khen thưởng and b. Danh sách đề nghị khen thưởng (a landscape section: it needs the width).
import { formatDmy } from '../../shared/dates';
import {
  awardSubject, countWords, deedSummary, formNameOf, formsProposed, groupedCases, proposalReference, proposerSignature,
  proposingHeader, roleOrVillage,
} from './common';
import type { Dossier, DossierCase } from './dossier-data';
import type { Block, OfficialDocument } from './format/model';

/** The council's review in one sentence (or what is missing when it has not met yet). */
function councilReview(d: Dossier): string {
  const council = d.batch.council;
  if (!council) return 'Hội đồng Thi đua - Khen thưởng chưa họp xét các trường hợp đề nghị dưới đây.';
  const voted = d.cases.filter((c) => c.vote && c.vote.voters > 0);
  const shares = voted.map((c) => c.vote!.agree / c.vote!.voters);
  const pct = (x: number) => `${(100 * x).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
  const unanimous = shares.filter((s) => s >= 1).length;
  const votes = voted.length === 0 ? 'chưa ghi kết quả biểu quyết'
    : shares.every((s) => s >= 1) ? `${voted.length}/${d.cases.length} trường hợp được 100% thành viên dự họp nhất trí`
      : `${voted.length}/${d.cases.length} trường hợp được biểu quyết, tỷ lệ đồng ý từ ${pct(Math.min(...shares))} đến ${pct(Math.max(...shares))} (${unanimous} trường hợp được 100% nhất trí)`;
  return `Ngày ${formatDmy(council.date)}, Hội đồng Thi đua - Khen thưởng đã họp xét tại ${council.place}, có ${council.present}/${council.total} thành viên dự họp; kết quả: ${votes} (có Biên bản họp kèm theo).`;
}

function formLines(cases: readonly DossierCase[]): Block[] {
  return formsProposed(cases).map((f, i, all) => ({
    kind: 'paragraph',
    runs: [`- ${f.name}: ${countWords(f.cases)}${i === all.length - 1 ? '.' : ';'}`],
  }));
}

export function toTrinh(d: Dossier): OfficialDocument {
  const h = d.batch.header;
  return {
    title: `Tờ trình ${awardSubject(d.cases, 'đề nghị tặng').toLowerCase()}`,
    sections: [{
      orientation: 'portrait',
      blocks: [
        { kind: 'header', header: proposingHeader(d) },
        { kind: 'title', type: 'Tờ trình', summary: [awardSubject(d.cases, 'đề nghị tặng')] },
        { kind: 'addressee', to: [h.addressee] },
        { kind: 'bases', bases: h.legalBases, last: ';' },
        { kind: 'paragraph', runs: [councilReview(d)] },
        { kind: 'paragraph', runs: [
          `${h.proposingBody} kính trình ${h.addressee} xem xét, khen thưởng cho ${countWords(d.cases)} đã có thành tích xuất sắc, đột xuất, cụ thể như sau:`,
        ] },
        ...formLines(d.cases),
        { kind: 'paragraph', runs: [{ text: '(Có Danh sách đề nghị khen thưởng, Báo cáo tóm tắt thành tích và Biên bản họp Hội đồng kèm theo).', italic: true }] },
        { kind: 'paragraph', runs: [`Kính trình ${h.addressee} xem xét, quyết định./.`] },
        { kind: 'closing', recipients: ['Như trên', `Lưu: VT`], signature: proposerSignature(d) },
      ],
    }],
  };
}

export const LIST_COLUMNS = [
  { header: 'STT', width: 0.05, align: 'center' as const },
  { header: 'Họ và tên cá nhân, tên tập thể, hộ gia đình', width: 0.17 },
  { header: 'Chức vụ, đơn vị công tác hoặc thôn, bản', width: 0.15 },
  { header: 'Xã, phường', width: 0.1 },
  { header: 'Tóm tắt thành tích', width: 0.36, align: 'justify' as const },
  { header: 'Hình thức đề nghị', width: 0.17 },
];

export function danhSach(d: Dossier): OfficialDocument {
  const h = d.batch.header;
  const rows = groupedCases(d.cases).flatMap((g) => [
    { group: g.caption },
    ...g.items.map(({ stt, c }) => [String(stt), c.subjectName, roleOrVillage(c), c.communeName, deedSummary(c), formNameOf(c)]),
  ]);
  return {
    title: 'Danh sách đề nghị khen thưởng',
    sections: [{
      orientation: 'landscape',
      blocks: [
        { kind: 'header', header: { ...proposingHeader(d), symbol: '' } },
        { kind: 'title', type: 'Danh sách đề nghị khen thưởng', summary: [] },
        { kind: 'paragraph', align: 'center', indent: false, italic: true, runs: [
          `(Kèm theo ${proposalReference(d)})`,
        ] },
        { kind: 'table', columns: LIST_COLUMNS, rows },
        { kind: 'paragraph', indent: false, runs: [
          { text: 'Tổng số: ', bold: true }, `${countWords(d.cases)} (${d.cases.length} trường hợp).`,
        ] },
        { kind: 'closing', recipients: [], signature: proposerSignature(d) },
      ],
    }],
  };
}
