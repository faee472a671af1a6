// The folded search text migration 0002 wrote for cases already stored: shared/case-search.ts (caseSearchText) and
// shared/text.ts (foldVietnamese) as they were when 0002 shipped, frozen here. Cases written since get the live
// function (cases/repo.ts); changing what it computes for stored cases takes a migration of its own.

/** What 0002 read of a case's stored fields. */
interface StoredFields {
  subjectName?: string;
  village?: string;
  workplaceOrRole?: string;
  deedPlace?: string;
  deedDescription?: string;
  result?: string;
  reporterName?: string;
  photos: { caption?: string }[];
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchText0002(f: StoredFields): string {
  return fold([
    f.subjectName, f.village, f.workplaceOrRole, f.deedPlace, f.deedDescription, f.result, f.reporterName,
    ...f.photos.map((p) => p.caption),
  ].filter(Boolean).join(' | '));
}
