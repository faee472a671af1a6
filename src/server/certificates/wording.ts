// The words printed on a certificate, from a case and its batch's decision. Pure.
import { formatDmy } from '../../shared/dates';

/** The achievement line's text after "Đã có thành tích " is cut at a word to at most this many characters. */
export const ACHIEVEMENT_MAX = 150;

/** The first sentence (up to ". ", "! ", "? ", "; " or a line break), without its closing punctuation. */
function firstSentence(text: string): string {
  const flat = text.normalize('NFC').replace(/\s*\n\s*/g, '\n').trim();
  const end = flat.search(/[.!?;](\s|$)|\n/);
  return (end === -1 ? flat : flat.slice(0, end)).replace(/\s+/g, ' ').replace(/[.!?;:,\s]+$/, '').trim();
}

const isLower = (ch: string | undefined) => !!ch && ch !== ch.toLocaleUpperCase('vi') && ch === ch.toLocaleLowerCase('vi');

/**
 * A deed as the continuation of "Đã có thành tích …": its subject dropped ("Chị Mai đã lao xuống suối …" →
 * "lao xuống suối …", "Đã giúp …" → "giúp …") and its first letter lowered unless it starts a proper name.
 */
function asContinuation(sentence: string): string {
  const words = sentence.split(' ');
  const da = words.slice(0, 7).findIndex((w) => w.toLocaleLowerCase('vi') === 'đã');
  const rest = da >= 0 && da < words.length - 1 ? words.slice(da + 1) : words;
  // Two capitalised words ("Lò Văn …", "Hội Phụ nữ …") start a name: leave them as written.
  if (rest.length > 1 && !isLower(rest[1]![0]) && /^\p{Lu}/u.test(rest[1]!)) return rest.join(' ');
  const first = rest[0] ?? '';
  return [first.charAt(0).toLocaleLowerCase('vi') + first.slice(1), ...rest.slice(1)].join(' ');
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:\s]+$/, '')}…`;
}

/**
 * "Đã có thành tích …": the deed's first sentence, or the result's when the deed's is too long and the result's
 * fits, else the deed's cut at a word.
 */
export function achievementLine(deedDescription: string, result: string): string {
  const deed = asContinuation(firstSentence(deedDescription));
  const outcome = asContinuation(firstSentence(result));
  const chosen = deed.length <= ACHIEVEMENT_MAX || outcome.length === 0 || outcome.length > ACHIEVEMENT_MAX
    ? cutAtWord(deed, ACHIEVEMENT_MAX)
    : outcome;
  return `Đã có thành tích ${chosen}`;
}

/** The name as printed: as the case has it, its spaces tidied (the blank itself carries "Tặng ông/bà"). */
export const printedName = (name: string): string => name.normalize('NFC').replace(/\s+/g, ' ').trim();

/** "Quyết định số 125/QĐ-UBND ngày 05/12/2026". */
export const decisionLine = (number: string, isoDate: string): string => `Quyết định số ${number} ngày ${formatDmy(isoDate)}`;

/** The award line of a full certificate: "TẶNG GIẤY KHEN", "TẶNG BẰNG KHEN", else the title it recognises. */
export function awardHeading(formName: string): string {
  const upper = formName.normalize('NFC').trim().toLocaleUpperCase('vi');
  for (const kind of ['GIẤY KHEN', 'BẰNG KHEN']) if (upper.startsWith(kind)) return `TẶNG ${kind}`;
  return `CÔNG NHẬN DANH HIỆU ${upper}`;
}

/** The signer's title from the deciding authority: "Chủ tịch Ủy ban nhân dân xã Mường Kim" → "CHỦ TỊCH". */
export function signerTitle(authority: string): string {
  const upper = authority.normalize('NFC').trim().toLocaleUpperCase('vi');
  const body = upper.search(/\s(ỦY|UỶ) BAN|\sUBND/);
  return body > 0 ? upper.slice(0, body) : upper;
}
