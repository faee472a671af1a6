// The phone's search over its own cases, per keystroke: each case's searchable text is folded once (per version
// of its text), ahead of time while the phone is idle, into an array in the list's order; a keystroke folds only
// the query and runs down that array.
import type { LocalCase } from '../../db/database';
import { communeLabel } from '../../shared/reference';
import { haystackMatches, queryWords, searchHaystack } from '../../shared/text';

// Folded text per case object (the same objects until the live query reads again), then by raw text: a case
// re-read unchanged costs a lookup, not a fold.
const byCase = new WeakMap<LocalCase, string>();
const folded = new Map<string, string>();

function haystackOf(c: LocalCase): string {
  let text = byCase.get(c);
  if (text !== undefined) return text;
  const f = c.fields;
  const raw = `${f.subjectName ?? ''}\u0001${f.communeCode ?? ''}\u0001${f.village ?? ''}\u0001${f.deedDescription ?? ''}`;
  text = folded.get(raw);
  if (text === undefined) {
    text = searchHaystack(f.subjectName, communeLabel(f.communeCode), f.village, f.deedDescription);
    folded.set(raw, text);
  }
  byCase.set(c, text);
  return text;
}

// The folded texts of a list of cases, index for index (filled up to `ready`), kept as long as the list is.
const textsByList = new WeakMap<readonly LocalCase[], { texts: string[]; ready: number }>();

function textsOf(cases: readonly LocalCase[], upTo = cases.length): string[] {
  let entry = textsByList.get(cases);
  if (!entry) textsByList.set(cases, (entry = { texts: new Array<string>(cases.length), ready: 0 }));
  for (; entry.ready < upTo; entry.ready++) entry.texts[entry.ready] = haystackOf(cases[entry.ready]!);
  return entry.texts;
}

/** Folds the texts of `cases` (the list as shown, in its order) ahead of the first keystroke, a slice at a time
 *  while the phone is idle. Returns the function that stops. */
export function prepareSearch(cases: readonly LocalCase[]): () => void {
  if (folded.size > 2 * cases.length + 1000) folded.clear(); // edited and removed cases' old texts
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slice = () => {
    next = Math.min(cases.length, next + 250);
    textsOf(cases, next);
    if (next < cases.length) timer = setTimeout(slice, 0);
  };
  timer = setTimeout(slice, 0);
  return () => clearTimeout(timer);
}

/** The positions in `cases` (those in `among`, else all) kept by `keep` (none: all) whose text holds every word. */
function positionsMatching(cases: readonly LocalCase[], words: readonly string[], keep?: (c: LocalCase) => boolean, among?: readonly number[]): number[] {
  const found: number[] = [];
  const n = among ? among.length : cases.length;
  const texts = words.length > 0 ? textsOf(cases) : undefined; // no words: no text to look at (nor to fold)
  const one = words.length === 1 ? words[0]! : undefined;
  for (let k = 0; k < n; k++) {
    const i = among ? among[k]! : k;
    if (keep && !keep(cases[i]!)) continue;
    if (!texts || (one !== undefined ? texts[i]!.includes(one) : haystackMatches(words, texts[i]!))) found.push(i);
  }
  return found;
}

/** The cases (in their given order) whose name, commune, village or deed holds every word of the query, accents ignored. */
export function searchCases(cases: readonly LocalCase[], query: string, keep?: (c: LocalCase) => boolean): LocalCase[] {
  return positionsMatching(cases, queryWords(query), keep).map((i) => cases[i]!);
}

/** What a search found: how many, and the first ones (a list shows some rows, not thousands). */
export interface Found {
  readonly length: number;
  slice(start: number, end: number): LocalCase[];
}

/**
 * searchCases for a search box: a query typed further than the last one (its folded text extends it) can only
 * narrow the result, so it searches the last result instead of every case. `keep` undefined: every status.
 */
export function typingSearch(): (cases: readonly LocalCase[], query: string, filter: string, keep?: (c: LocalCase) => boolean) => Found {
  let last: { cases: readonly LocalCase[]; filter: string; folded: string; positions: number[] } | undefined;
  return (cases, query, filter, keep) => {
    const words = queryWords(query);
    const folded = words.join(' ');
    const narrows = last !== undefined && last.cases === cases && last.filter === filter && last.folded !== '' && folded.startsWith(last.folded);
    const positions = positionsMatching(cases, words, keep, narrows ? last!.positions : undefined);
    last = { cases, filter, folded, positions };
    return { length: positions.length, slice: (start, end) => positions.slice(start, end).map((i) => cases[i]!) };
  };
}
