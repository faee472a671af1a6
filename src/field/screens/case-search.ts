// The phone's search over its own cases, per keystroke: each case's searchable text is folded once (per version
// of its text), ahead of time while the phone is idle, and only the query is folded as the user types.
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

/** Folds the cases' texts ahead of the first keystroke, a slice at a time while the phone is idle. */
export function prepareSearch(cases: readonly LocalCase[]): () => void {
  if (folded.size > 2 * cases.length + 1000) folded.clear(); // edited and removed cases' old texts
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slice = () => {
    const end = Math.min(cases.length, next + 250);
    for (; next < end; next++) haystackOf(cases[next]!);
    if (next < cases.length) timer = setTimeout(slice, 0);
  };
  timer = setTimeout(slice, 0);
  return () => clearTimeout(timer);
}

/** The cases (in their given order) whose name, commune, village or deed holds every word of the query, accents ignored. */
export function searchCases(cases: readonly LocalCase[], query: string, keep: (c: LocalCase) => boolean = () => true): LocalCase[] {
  const words = queryWords(query);
  return cases.filter((c) => keep(c) && (words.length === 0 || haystackMatches(words, haystackOf(c))));
}

/**
 * searchCases for a search box: a query typed further than the last one (its folded text extends it) can only
 * narrow the result, so it searches the last result instead of every case.
 */
export function typingSearch(): (cases: readonly LocalCase[], query: string, filter: string, keep: (c: LocalCase) => boolean) => LocalCase[] {
  let last: { cases: readonly LocalCase[]; filter: string; folded: string; result: LocalCase[] } | undefined;
  return (cases, query, filter, keep) => {
    const folded = queryWords(query).join(' ');
    const narrows = last !== undefined && last.cases === cases && last.filter === filter && last.folded !== '' && folded.startsWith(last.folded);
    const result = searchCases(narrows ? last!.result : cases, query, keep);
    last = { cases, filter, folded, result };
    return result;
  };
}
