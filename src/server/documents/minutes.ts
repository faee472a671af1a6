// d. Biên bản họp Hội đồng Thi đua - Khen thưởng: date, place, chair, members present of total, the vote on each
// case, the conclusion; and, when the batch was posted for public comment, that the notice ran (from … to …).
import { formatDmy } from '../../shared/dates';
import { bodyLines, countWords, formNameOf, groupedCases, proposalReference, signatureOf, voteText } from './common';
import type { Dossier } from './dossier-data';
import type { Block, OfficialDocument } from './format/model';

export const COUNCIL_NAME = 'Hội đồng Thi đua - Khen thưởng';
const COUNCIL_SYMBOL = 'BB-HĐTĐKT';

const line = (label: string, value: string): Block => ({ kind: 'paragraph', runs: [{ text: `${label}: `, bold: true }, value] });

function noticeSentence(d: Dossier): Block[] {
  const n = d.batch.notice;
  if (!n) return [];
  const comments = n.comments === 0 ? 'không có ý kiến nào' : `nhận được ${n.comments} ý kiến góp ý (đã được Hội đồng xem xét)`;
  return [{ kind: 'paragraph', runs: [
    `Danh sách đề nghị khen thưởng đã được niêm yết, công khai để lấy ý kiến nhân dân từ ngày ${formatDmy(n.from)} đến ngày ${formatDmy(n.until)}; ${comments}.`,
  ] }];
}

function conclusion(d: Dossier): string {
  const passed = d.cases.filter((c) => c.vote && c.vote.voters > 0 && c.vote.agree * 2 > c.vote.voters);
  const pending = d.cases.filter((c) => !c.vote || c.vote.voters <= 0).length;
  const rest = d.cases.length - passed.length - pending;
  return [
    `Hội đồng thống nhất đề nghị ${d.batch.header.addressee} khen thưởng ${passed.length > 0 ? countWords(passed) : '0 trường hợp'} được trên 50% thành viên dự họp đồng ý`,
    rest > 0 ? `; ${rest} trường hợp không đạt tỷ lệ đồng ý` : '',
    pending > 0 ? `; ${pending} trường hợp chưa biểu quyết` : '',
    '.',
  ].join('');
}

export function bienBan(d: Dossier): OfficialDocument {
  const council = d.batch.council;
  const h = d.batch.header;
  const unit = bodyLines(h.proposingBody).at(-1) ?? '';
  const rows = groupedCases(d.cases).flatMap((g) => [
    { group: g.caption },
    ...g.items.map(({ stt, c }) => [String(stt), c.subjectName, c.communeName, formNameOf(c), voteText(c)]),
  ]);
  return {
    title: 'Biên bản họp Hội đồng Thi đua - Khen thưởng',
    sections: [{
      orientation: 'portrait',
      blocks: [
        { kind: 'header', header: {
          superiorBody: bodyLines(h.proposingBody), issuingBody: [COUNCIL_NAME], number: '', symbol: COUNCIL_SYMBOL,
          placeName: h.placeName, date: council?.date ?? '',
        } },
        { kind: 'title', type: 'Biên bản', summary: [`Họp ${COUNCIL_NAME} ${unit}`.trim(), 'xét đề nghị khen thưởng'] },
        line('Thời gian', council ? `ngày ${formatDmy(council.date)}` : '…'),
        line('Địa điểm', council?.place || '…'),
        line('Chủ trì', council?.chair || '…'),
        line('Thành phần', council ? `${council.present}/${council.total} thành viên ${COUNCIL_NAME} có mặt` : '…'),
        { kind: 'paragraph', bold: true, indent: true, runs: ['NỘI DUNG'] },
        { kind: 'paragraph', runs: [
          `Hội đồng xem xét hồ sơ đề nghị khen thưởng của ${countWords(d.cases)} (kèm theo ${proposalReference(d)}), biểu quyết từng trường hợp; kết quả như sau:`,
        ] },
        { kind: 'table', columns: [
          { header: 'STT', width: 0.07, align: 'center' }, { header: 'Họ và tên cá nhân, tên tập thể, hộ gia đình', width: 0.3 },
          { header: 'Xã, phường', width: 0.17 }, { header: 'Hình thức đề nghị', width: 0.26 },
          { header: 'Số thành viên đồng ý', width: 0.2, align: 'center' },
        ], rows },
        ...noticeSentence(d),
        { kind: 'paragraph', bold: true, indent: true, runs: ['KẾT LUẬN'] },
        { kind: 'paragraph', runs: [conclusion(d)] },
        { kind: 'paragraph', runs: ['Biên bản được lập thành 02 bản, các thành viên dự họp nhất trí thông qua./.'] },
        { kind: 'closing', recipients: [],
          leftSignature: { authority: [], title: 'Thư ký', name: '' },
          signature: signatureOf('Chủ trì', council?.chair ?? '', '') },
      ],
    }],
  };
}
