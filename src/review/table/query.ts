// The table's filters live in the page's query string (same names as GET /api/review/cases), so a reload, the
// back button and a shared link all show the same selection; the export links reuse it.
import { FILTER_KEYS, type FilterKey } from '../../shared/review-schemas';
import { PROVINCE_AREA, type SessionUser } from '../../shared/sync-protocol';
import { reviewPaths } from '../../ui/paths';
import { navigate, useLocation } from '../../ui/router';

export type Filters = Partial<Record<FilterKey, string>>;

/** Only the user's own commune exists for a commune-level account: a commune filter is for province users. */
export const choosesCommune = (user: SessionUser): boolean => user.area === PROVINCE_AREA;

export function readFilters(search: string, user: SessionUser): Filters {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && (key !== 'commune' || choosesCommune(user))) filters[key] = value;
  }
  return filters;
}

/** "status=returned&q=mai" in a fixed key order (no cursor, no limit): the list's and the exports' query. */
export function filterQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** The query string without "?", and a setter that adds a history entry (so "back" restores the filters). */
export function useLocationSearch(): [string, (search: string) => void] {
  const { search } = useLocation();
  const go = (next: string) => {
    if (next !== location.search.slice(1)) navigate(`${location.pathname}${next ? `?${next}` : ''}`);
  };
  return [search, go];
}

/** The table's last query, so "back to the list" from a case keeps the reviewer's filters. */
let lastSearch = '';
export const rememberTableSearch = (search: string): void => { lastSearch = search; };
export const tablePath = (): string => reviewPaths.table(lastSearch);
