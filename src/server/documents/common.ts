// What the five documents of a dossier share: the header of the proposing body, the signature, the cases in the
// Danh sách's order (individuals, collectives, households; one STT across them), the counts and the forms.
// Households are counted on their own, not as collectives: the law names cá nhân, tập thể and hộ gia đình as
// three kinds of recipients (and the forms' recipients lists keep them apart).
import { formatDmy } from '../../shared/dates';
import type { SubjectKind } from '../../shared/reference';
import type { Dossier, DossierCase } from './dossier-data';
import { dateWords, documentNumber, type DocumentHeader, type SignatureBlock } from './format/model';

export const KIND_ORDER: readonly SubjectKind[] = ['ca-nhan', 'tap-the', 'ho-gia-dinh'];
export const KIND_GROUP: Record<SubjectKind, string> = { 'ca-nhan': 'CÁ NHÂN', 'tap-the': 'TẬP THỂ', 'ho-gia-dinh': 'HỘ GIA ĐÌNH' };
export const KIND_WORD: Record<SubjectKind, string> = { 'ca-nhan': 'cá nhân', 'tap-the': 'tập thể', 'ho-gia-dinh': 'hộ gia đình' };
const ROMAN = ['I', 'II', 'III'];

export interface Listed { stt: number; c: DossierCase }
export interface Group { kind: SubjectKind; caption: string; items: Listed[] }

/** The cases grouped individuals, collectives, households (each in the batch's order), numbered 1…N across groups. */
export function groupedCases(cases: readonly DossierCase[]): Group[] {
  let stt = 0;
  return KIND_ORDER.map((kind) => ({ kind, items: cases.filter((c) => c.subjectKind === kind) }))
    .filter((g) => g.items.length > 0)
    .map((g, i) => ({ kind: g.kind, caption: `${ROMAN[i]}. ${KIND_GROUP[g.kind]}`, items: g.items.map((c) => ({ stt: ++stt, c })) }));
}

/** The cases in the Danh sách's order, with their STT. */
export const listedCases = (cases: readonly DossierCase[]): Listed[] => groupedCases(cases).flatMap((g) => g.items);

/** "3 cá nhân, 1 tập thể và 2 hộ gia đình" (kinds with none left out). */
export function countWords(cases: readonly DossierCase[]): string {
  const parts = KIND_ORDER.map((k) => [k, cases.filter((c) => c.subjectKind === k).length] as const)
    .filter(([, n]) => n > 0).map(([k, n]) => `${String(n).padStart(2, '0')} ${KIND_WORD[k]}`);
  if (parts.length <= 1) return parts[0] ?? '0 trường hợp';
  return `${parts.slice(0, -1).join(', ')} và ${parts.at(-1)}`;
}

export const formNameOf = (c: DossierCase): string => c.formName || c.formId;

/** The forms proposed, each with its cases, in the order they first appear in the list. */
export function formsProposed(cases: readonly DossierCase[]): Array<{ name: string; cases: DossierCase[] }> {
  const byName = new Map<string, DossierCase[]>();
  for (const { c } of listedCases(cases)) byName.set(formNameOf(c), [...(byName.get(formNameOf(c)) ?? []), c]);
  return [...byName].map(([name, list]) => ({ name, cases: list }));
}

/** "Về việc đề nghị tặng Giấy khen …" when every case has one form, else the general wording. */
export function awardSubject(cases: readonly DossierCase[], verb: 'đề nghị tặng' | 'tặng'): string {
  const forms = formsProposed(cases);
  if (forms.length === 1) return `Về việc ${verb} ${forms[0]!.name}`;
  return verb === 'tặng' ? 'Về việc khen thưởng' : 'Về việc đề nghị khen thưởng';
}

/**
 * A body's name on the header's lines: "Ủy ban nhân dân xã Mường Kim" → ["Ủy ban nhân dân", "xã Mường Kim"] (the
 * name of the unit on a line of its own, as bodies write it).
 */
export function bodyLines(name: string): string[] {
  const m = /^(.+?)\s+((?:xã|phường|tỉnh)\s+.+)$/iu.exec(name.trim());
  return m ? [m[1]!, m[2]!] : [name.trim()];
}

/** The agency part of a symbol: "TTr-UBND" → "UBND". */
export const agencyOf = (symbol: string): string => symbol.includes('-') ? symbol.slice(symbol.indexOf('-') + 1) : symbol;

/** The proposing body's header; another `symbol` (an attachment's, or '' for none) leaves the number to fill in. */
export function proposingHeader(d: Dossier, symbol?: string): DocumentHeader {
  const h = d.batch.header;
  return {
    issuingBody: bodyLines(h.proposingBody),
    number: symbol === undefined ? h.number : '',
    symbol: symbol ?? h.symbol,
    placeName: h.placeName,
    date: h.date,
  };
}

/**
 * The signer's block: "KT. Chủ tịch / Phó Chủ tịch" → authority ["KT. Chủ tịch"], title "Phó Chủ tịch"; a plain
 * "Chủ tịch" of a collective body (Ủy ban, Hội đồng) signs on its behalf ("TM. Ủy ban nhân dân").
 */
export function signatureOf(title: string, name: string, body: string): SignatureBlock {
  const parts = title.split('/').map((p) => p.trim()).filter(Boolean);
  if (parts.length > 1) return { authority: parts.slice(0, -1), title: parts.at(-1)!, name };
  const first = bodyLines(body)[0] ?? '';
  const collective = /^(ủy ban|hội đồng)/iu.test(first);
  return { authority: collective ? [`TM. ${first}`] : [], title: parts[0] ?? '', name };
}

export const proposerSignature = (d: Dossier): SignatureBlock =>
  signatureOf(d.batch.header.signerTitle, d.batch.header.signerName, d.batch.header.proposingBody);

/** "Tờ trình số 12/TTr-UBND ngày 05 tháng 12 năm 2026 của Ủy ban nhân dân xã Mường Kim". */
export function proposalReference(d: Dossier): string {
  const h = d.batch.header;
  return `Tờ trình số ${documentNumber(h.number).trim() || '…'}/${h.symbol} ${dateWords(h.date)} của ${h.proposingBody}`;
}

/** "Bản Nà Ún" or "Trưởng bản, Bản Nà Ún": what the Danh sách's third column says. */
export const roleOrVillage = (c: DossierCase): string => [c.workplaceOrRole, c.village].filter(Boolean).join(', ');

/** A long text cut at a word, for a table cell. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:.\s]+$/, '')}…`;
}

/** "Ngày 14/07/2026, tại Suối Nậm Kim: …" — the deed in one cell. */
export const deedSummary = (c: DossierCase, max = 320): string =>
  shorten(`Ngày ${formatDmy(c.deedDate)}, tại ${c.deedPlace}: ${c.deedDescription} ${c.result}`, max);

/** A vote as printed: "7/9 (77,8%)", or "…" before the council voted. */
export function voteText(c: DossierCase): string {
  if (!c.vote || c.vote.voters <= 0) return '…';
  const pct = (100 * c.vote.agree) / c.vote.voters;
  return `${c.vote.agree}/${c.vote.voters} (${pct.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%)`;
}

/** Text split into paragraphs at its blank lines or line breaks. */
export const paragraphsOf = (text: string): string[] => text.split(/\r?\n+/).map((t) => t.trim()).filter(Boolean);
