// The folded text a case is searched by (the server stores it with each revision): names, places, the deed,
// its result and photo captions, without diacritics or case, so "lo thi mai" finds "Lò Thị Mai".
import type { CaseFields } from './case-schema';
import { foldVietnamese } from './text';

type Searchable = Pick<CaseFields, 'subjectName' | 'village' | 'deedPlace' | 'deedDescription' | 'result' | 'reporterName' | 'photos'>
  & { workplaceOrRole?: string | undefined };

export function caseSearchText(f: Searchable): string {
  return foldVietnamese([
    f.subjectName, f.village, f.workplaceOrRole, f.deedPlace, f.deedDescription, f.result, f.reporterName,
    ...f.photos.map((p) => p.caption),
  ].filter(Boolean).join(' | '));
}

/** The words of a search box, folded; a case matches when its search text contains every one. */
export const searchWords = (query: string): string[] => foldVietnamese(query).split(' ').filter(Boolean).slice(0, 10);
