// Text made safe for XML and HTML (text content and double- or single-quoted attribute values): the five special
// characters escaped, and the characters XML 1.0 forbids even escaped removed (C0 controls but tab, LF and CR;
// U+FFFE, U+FFFF; unpaired surrogates), so a citizen's text can only ever come out as that text. Pure.

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Whether a text needs any replacement at all (most do not, and an export escapes every cell). */
const SPECIAL = /[^\t\n\r\u0020\u0021\u0023-\u0025\u0028-\u003b\u003d\u003f-\uD7FF\uE000-\uFFFD]/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeXml = (text: string): string =>
  SPECIAL.test(text) ? text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]!) : text;

/** The text without the characters XML 1.0 forbids, for writers that escape the rest themselves (the docx package). */
export const stripNonXml = (text: string): string => text.replace(NOT_XML, '');
