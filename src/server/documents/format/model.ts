// An official document (Nghị định 30/2020/NĐ-CP) as data: what it says and which part of the format each piece
// is, never how it looks. docx.ts and html.ts render the same model, so the DOCX and the print page cannot
// drift apart; constants.ts holds every measure.
import { stripNonXml } from '../../../shared/xml';

/** A run of text inside a paragraph. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean };

export type Align = 'justify' | 'center' | 'left' | 'right';

export interface DocumentHeader {
  /** The superior body, one line each, above the issuing body (capitals, not bold); omitted for a commune's UBND. */
  superiorBody?: string[];
  /** The issuing body, one line each (capitals, bold): ["ỦY BAN NHÂN DÂN", "XÃ MƯỜNG KIM"]. */
  issuingBody: string[];
  /** "12" (empty: left blank to be filled by hand) and "TTr-UBND"; no symbol: no "Số:" line (an attachment). */
  number: string;
  symbol: string;
  placeName: string;
  /** yyyy-mm-dd; empty leaves "ngày … tháng … năm …" to be filled by hand. */
  date: string;
}

export interface TableColumn {
  header: string;
  /** Share of the text width (the shares of a table add up to 1). */
  width: number;
  align?: Align;
}

export interface SignatureBlock {
  /** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" — lines above the title, capitals, bold. */
  authority: string[];
  /** "CHỦ TỊCH", "PHÓ CHỦ TỊCH". */
  title: string;
  name: string;
}

export type Block =
  | { kind: 'header'; header: DocumentHeader }
  /** The document type (TỜ TRÌNH) in bold capitals and its summary lines under it. */
  | { kind: 'title'; type: string; summary: string[] }
  /** "Kính gửi: …" (one addressee on the line, several as "- …;" lines). */
  | { kind: 'addressee'; to: string[] }
  /** Legal bases, each "Căn cứ …;" on its own justified, indented line; the last ends as `last` says. */
  | { kind: 'bases'; bases: string[]; last: ';' | '.' | ',' }
  | { kind: 'paragraph'; runs: Inline[]; align?: Align; indent?: boolean; bold?: boolean; italic?: boolean }
  /** A table; `groups` rows span the table (a bold caption such as "I. CÁ NHÂN"). */
  | { kind: 'table'; columns: TableColumn[]; rows: Array<string[] | { group: string }> }
  /**
   * A chart: the print page draws `svg` (markup the server built, every text in it escaped), the DOCX prints
   * `fallback`, the same numbers as a table (no rasteriser on the server for an image).
   */
  | { kind: 'figure'; caption: string; svg: string; fallback: { kind: 'table'; columns: TableColumn[]; rows: Array<string[] | { group: string }> } }
  /** "Nơi nhận:" (or a second signature, as the minutes' secretary) on the left, the signature block on the right. */
  | { kind: 'closing'; recipients: string[]; signature: SignatureBlock; leftSignature?: SignatureBlock };

export interface DocumentSection {
  orientation: 'portrait' | 'landscape';
  /** Page numbers start again at 1 in this section (each achievement report is a document of its own). */
  restartNumbering?: boolean;
  blocks: Block[];
}

export interface OfficialDocument {
  /** The print page's title and the DOCX's core title. */
  title: string;
  sections: DocumentSection[];
}

/** Text as it may appear in a document: NFC, no character XML forbids (a citizen's text stays that text). */
export const clean = (text: string): string => stripNonXml(text.normalize('NFC'));

export const inlineText = (inline: Inline): string => (typeof inline === 'string' ? inline : inline.text);

/** "12" → "12", "5" → "05" (numbers below 10 with a leading zero); empty → blank space to fill in by hand. */
export function documentNumber(number: string): string {
  const n = number.trim();
  if (!n) return '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0';
  return /^\d$/.test(n) ? `0${n}` : n;
}

/** "Số: 12/TTr-UBND". */
export const numberLine = (h: Pick<DocumentHeader, 'number' | 'symbol'>): string => `Số: ${documentNumber(h.number)}/${h.symbol}`;

/**
 * "ngày 05 tháng 12 năm 2026": days 1–9 and months 1–2 with a leading zero (so nobody can add a digit), other
 * months without. An empty date leaves dots to be filled in by hand.
 */
export function dateWords(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return 'ngày … tháng … năm …';
  const month = Number(m[2]);
  return `ngày ${m[3]} tháng ${month <= 2 ? m[2] : String(month)} năm ${m[1]}`;
}

/** "Mường Kim, ngày 05 tháng 12 năm 2026". */
export const placeDateLine = (h: Pick<DocumentHeader, 'placeName' | 'date'>): string => `${h.placeName}, ${dateWords(h.date)}`;

/** Vietnamese capitals (toUpperCase handles every letter with diacritics: "ủy ban" → "ỦY BAN"). */
export const capitals = (text: string): string => text.toLocaleUpperCase('vi');

/** The recipients as printed: "- Như trên;" … and the last "- Lưu: VT, …." */
export function recipientLines(recipients: string[]): string[] {
  return recipients.map((r, i) => {
    const text = r.replace(/[;.]+$/, '');
    return `- ${text}${i === recipients.length - 1 ? '.' : ';'}`;
  });
}

/** The legal bases as printed: "Căn cứ …;" each, the last with `last`. */
export function basisLines(bases: string[], last: ';' | '.' | ','): string[] {
  return bases.map((b, i) => {
    const text = b.trim().replace(/[;.,]+$/, '').replace(/^căn cứ\s+/iu, '');
    return `Căn cứ ${text}${i === bases.length - 1 ? last : ';'}`;
  });
}
