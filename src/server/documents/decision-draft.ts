// e. Dự thảo Quyết định khen thưởng, for the authority to number, date and sign: CHỦ TỊCH ỦY BAN NHÂN DÂN …,
// the legal bases and the proposal, QUYẾT ĐỊNH:, Điều 1 awards the forms to the listed people (a table), Điều 2
// takes effect on signing, Điều 3 names who carries it out. Once the decision is recorded, its number, date and
// signer fill the blanks.
import { awardSubject, bodyLines, countWords, formNameOf, groupedCases, proposalReference, roleOrVillage, signatureOf } from './common';
import type { Dossier } from './dossier-data';
import { capitals, type Block, type OfficialDocument } from './format/model';

/** The deciding body from the addressee: "Chủ tịch Ủy ban nhân dân xã Mường Kim" → "Ủy ban nhân dân xã Mường Kim";
 * "Thủ tướng Chính phủ" stays itself. */
export const decidingBody = (addressee: string): string => addressee.trim().replace(/^chủ tịch\s+/iu, '');

/** Who carries the decision out (Điều 3), by the deciding level (an upward decision names no local office). */
function executors(d: Dossier): string {
  const office = d.batch.authority === 'commune' ? 'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, '
    : d.batch.authority === 'province' ? 'Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, ' : '';
  return `${office}Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể, hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`;
}

/** The signer's title: "Chủ tịch" for a chairman, "Thủ tướng" for the Prime Minister, else the addressee as written. */
function deciderTitle(addressee: string): string {
  const m = /^(chủ tịch|thủ tướng)\b/iu.exec(addressee.trim());
  return m ? m[1]! : addressee.trim();
}

export function duThaoQuyetDinh(d: Dossier): OfficialDocument {
  const h = d.batch.header;
  const body = decidingBody(h.addressee);
  const decision = d.batch.decision;
  const [number, symbol] = decision ? [decision.number.split('/')[0] ?? '', decision.number.split('/').slice(1).join('/') || 'QĐ-UBND'] : ['', 'QĐ-UBND'];
  const rows = groupedCases(d.cases).flatMap((g) => [
    { group: g.caption },
    ...g.items.map(({ stt, c }) => [String(stt), c.subjectName, [roleOrVillage(c), c.communeName].filter(Boolean).join(', '), formNameOf(c)]),
  ]);
  const article = (n: number, text: string): Block => ({ kind: 'paragraph', runs: [{ text: `Điều ${n}. `, bold: true }, text] });
  return {
    title: 'Dự thảo Quyết định khen thưởng',
    sections: [{
      orientation: 'portrait',
      blocks: [
        { kind: 'header', header: { issuingBody: bodyLines(body), number, symbol, placeName: h.placeName, date: decision?.date ?? '' } },
        { kind: 'title', type: 'Quyết định', summary: [awardSubject(d.cases, 'tặng')] },
        { kind: 'paragraph', align: 'center', indent: false, bold: true, runs: [capitals(h.addressee)] },
        { kind: 'bases', bases: h.legalBases, last: ';' },
        { kind: 'paragraph', runs: [{ text: `Xét đề nghị của ${h.proposingBody} tại ${proposalReference(d)}.`, italic: true }] },
        { kind: 'paragraph', align: 'center', indent: false, bold: true, runs: ['QUYẾT ĐỊNH:'] },
        article(1, `Tặng thưởng cho ${countWords(d.cases)} có tên sau đây đã có thành tích xuất sắc, đột xuất:`),
        { kind: 'table', columns: [
          { header: 'STT', width: 0.08, align: 'center' }, { header: 'Họ và tên cá nhân, tên tập thể, hộ gia đình', width: 0.3 },
          { header: 'Chức vụ, đơn vị hoặc nơi cư trú', width: 0.34 }, { header: 'Hình thức khen thưởng', width: 0.28 },
        ], rows },
        article(2, 'Quyết định này có hiệu lực thi hành kể từ ngày ký.'),
        article(3, executors(d)),
        { kind: 'closing', recipients: ['Như Điều 3', 'Lưu: VT'], signature: signatureOf(deciderTitle(h.addressee), decision?.signer ?? '', '') },
      ],
    }],
  };
}
