// /tham-dinh: the reviewer's table. Filters in the URL, pages from the server (keyset cursor, "Xem thêm"
// appends the next page), exports of the same selection.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { reviewApi, type ExportFormat, type ReviewListItem, type ReviewListPage } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { areaLabel } from '../../shared/reference';
import { formatCount } from '../../shared/format';
import { getJson, isAbort, messageOf } from '../api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { BatchBar, useBatchSelection } from './BatchSelection';
import { CaseTable } from './CaseTable';
import { FilterForm } from './FilterForm';
import { filterQuery, readFilters, rememberTableSearch, useLocationSearch } from './query';

type Loaded =
  | { phase: 'loading' }
  | { phase: 'error'; error: unknown }
  | { phase: 'ready'; rows: ReviewListItem[]; next: string | null };

const withCursor = (query: string, cursor: string) => `${query}${query ? '&' : ''}cursor=${encodeURIComponent(cursor)}`;

const EXPORTS: ReadonlyArray<[ExportFormat, string]> = [['csv', 'Tải CSV'], ['xlsx', 'Tải Excel'], ['zip', 'Tải ZIP ảnh']];

function ExportLinks({ query }: { query: string }) {
  return (
    <p class="review-exports">
      <span>Xuất các hồ sơ khớp bộ lọc:</span>
      {EXPORTS.map(([format, label]) => (
        <a key={format} class="button button--small" href={reviewApi.export(format, query)} download>{label}</a>
      ))}
    </p>
  );
}

export function CaseTableScreen({ user }: { user: SessionUser }) {
  const [search, setSearch] = useLocationSearch();
  const filters = useMemo(() => readFilters(search, user), [search, user]);
  const query = filterQuery(filters);
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [more, setMore] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const table = useRef<HTMLDivElement>(null);
  const currentQuery = useRef(query);
  currentQuery.current = query;
  const rows = loaded.phase === 'ready' ? loaded.rows : [];
  const batching = useBatchSelection(user, query, rows);

  useEffect(() => {
    rememberTableSearch(query);
    const controller = new AbortController();
    setLoaded({ phase: 'loading' });
    setMore({ busy: false });
    getJson<ReviewListPage>(reviewApi.list(query), controller.signal).then(
      (page) => setLoaded({ phase: 'ready', rows: page.cases, next: page.next }),
      (error) => { if (!isAbort(error)) setLoaded({ phase: 'error', error }); },
    );
    return () => controller.abort();
  }, [query, attempt]);

  const loadMore = async () => {
    if (loaded.phase !== 'ready' || !loaded.next || more.busy) return;
    const asked = query;
    const shown = loaded.rows.length;
    setMore({ busy: true });
    try {
      const page = await getJson<ReviewListPage>(reviewApi.list(withCursor(query, loaded.next)));
      if (currentQuery.current !== asked) return;
      setLoaded({ phase: 'ready', rows: [...loaded.rows, ...page.cases], next: page.next });
      setMore({ busy: false });
      // Keyboard and screen-reader users continue at the first row they have not seen.
      requestAnimationFrame(() => table.current?.querySelectorAll<HTMLElement>('tbody a')[shown]?.focus());
    } catch (error) {
      if (currentQuery.current === asked) setMore({ busy: false, error: messageOf(error) });
    }
  };

  return (
    <main id="main" class="screen review-screen">
      <h1>Thẩm định hồ sơ</h1>
      <p class="hint">Địa bàn: {areaLabel(user.area)}</p>
      <FilterForm key={query} user={user} filters={filters} onApply={(f) => setSearch(filterQuery(f))} />
      <ExportLinks query={query} />
      <p class="review-count" role="status">
        {loaded.phase === 'ready' && `Đang hiện ${formatCount(loaded.rows.length)} hồ sơ${loaded.next ? ', còn nữa' : ''}`}
        {loaded.phase === 'loading' && 'Đang tải danh sách…'}
      </p>
      {loaded.phase === 'ready' && (
        <BatchBar query={query} proposedFilter={filters.status === 'proposed'} rows={rows} complete={!loaded.next} state={batching} />
      )}
      <div ref={table} class="review-table-wrap">
        {loaded.phase === 'error' && <ErrorNotice error={loaded.error} onRetry={() => setAttempt((n) => n + 1)} />}
        {loaded.phase === 'ready' && loaded.rows.length === 0 && <p class="empty">Không có hồ sơ nào khớp bộ lọc.</p>}
        {loaded.phase === 'ready' && loaded.rows.length > 0 && <CaseTable rows={loaded.rows} selection={batching.selection} />}
      </div>
      {loaded.phase === 'ready' && loaded.next && (
        <div class="form-actions">
          <button type="button" class="button" disabled={more.busy} onClick={() => void loadMore()}>
            {more.busy ? 'Đang tải…' : 'Xem thêm'}
          </button>
        </div>
      )}
      {more.error && <p class="error" role="alert">{more.error}</p>}
    </main>
  );
}
