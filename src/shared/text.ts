// Vietnamese text helpers shared by the app, the server and the tests. Pure: no DOM, no Node.

/** Folds case and diacritics so that "muong te" matches "Mường Tè" and "dien bien" matches "Điện Biên". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The folded words of a search query ("Mường  Tè" → ["muong", "te"]); none for an empty query. */
export const queryWords = (query: string): string[] => foldVietnamese(query).split(' ').filter(Boolean);

/** The texts a query searches, folded once into one string (kept per item where the same items are searched often). */
export const searchHaystack = (...texts: ReadonlyArray<string | undefined>): string => foldVietnamese(texts.filter(Boolean).join(' \u0000 '));

/** True when every (folded) word appears in the folded haystack. No words match everything. */
export const haystackMatches = (words: readonly string[], haystack: string): boolean => words.every((w) => haystack.includes(w));

/** True when every word of the query appears (folded) in one of the texts. An empty query matches everything. */
export function matchesQuery(query: string, ...texts: ReadonlyArray<string | undefined>): boolean {
  const words = queryWords(query);
  return words.length === 0 || haystackMatches(words, searchHaystack(...texts));
}

/** The text with its first letter upper-case ("toàn tỉnh Lai Châu" → "Toàn tỉnh Lai Châu"), for the start of a line. */
export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

let collator: Intl.Collator | undefined;
/** Vietnamese alphabetical order (a ă â b c d đ e ê …), shared so lists sort the same everywhere. The collator is
 *  made on first use: making it costs a phone's first screen tens of milliseconds (the browser loads ICU's data). */
export const vietnameseCollator = {
  compare: (a: string, b: string): number => (collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true })).compare(a, b),
};

export function byVietnamese<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => vietnameseCollator.compare(key(a), key(b));
}

/** A text on one line, cut at a word before `max` characters with an ellipsis (a deed's summary, a link's preview). */
export function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const space = flat.lastIndexOf(' ', max - 1); // a space just after the cut: it ends at a word too
  return `${flat.slice(0, space > max / 2 ? space : max - 1).replace(/[\s,.;:–-]+$/, '')}…`;
}
