// The phone's home: drafts and cases waiting to be sent, newest first, with accent-insensitive search.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { appDb, type CaseStatus, type LocalCase } from '../../db/database';
import { createDraft, listCases } from '../../db/cases';
import { getSetting } from '../../db/settings';
import type { EditableFields } from '../../db/cases';
import { communeLabel } from '../../shared/reference';
import { formatDateTime, formatDmy } from '../../shared/dates';
import { vietnameseCollator } from '../../shared/text';
import { prepareSearch, typingSearch } from './case-search';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { navigate, onLinkClick } from '../../ui/router';
import { fieldPaths } from '../../ui/paths';
import { announce } from '../../ui/notices';
import { badgeOf, statusLabel } from '../../ui/case-rows';
import { SelectField, type Choice } from '../../ui/fields';
import type { SessionUser } from '../../shared/sync-protocol';
import { ErasedNotices } from './ErasedNotices';
import { browserContext, readBrowserFacts, IN_APP_NOTICE_SEEN } from '../pwa/browser-context';
import { lazyComponent } from '../lazy';
import { memo } from '../../ui/memo';

// Only inside Zalo, Facebook… or an iPhone's browser: an ordinary Chrome never downloads it.
const BrowserNotices = lazyComponent(() => import('../pwa/BrowserNotices').then((m) => m.BrowserNotices));

type Filter = 'all' | CaseStatus;
type Sort = 'newest' | 'name';
const ROWS_AT_ONCE = 30;
const sortChoices: Choice<Sort>[] = [{ value: 'newest', label: 'Mới nhất trước' }, { value: 'name', label: 'Theo tên (A–Z)' }];

export async function startNewCase(ownerId: string | undefined): Promise<void> {
  const db = appDb();
  try {
    const reporter = await getSetting<Partial<EditableFields>>(db, 'reporter');
    const draft = await createDraft(db, reporter ?? {}, { ownerId });
    navigate(fieldPaths.case(draft.id));
  } catch (error) {
    announce(error instanceof Error ? error.message : String(error), 'error');
  }
}

export function CaseListScreen({ user }: { user: SessionUser | null }) {
  const cases = useLiveQuery(() => listCases(appDb(), user?.id), [user?.id]);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [sort, setSort] = useState<Sort>('newest');
  const here = useMemo(() => browserContext(readBrowserFacts()), []);
  const [askingInApp, setAskingInApp] = useState(false);

  // Inside an app's browser, the first case waits until the reporter has read where it will be kept.
  const newCase = async () => {
    if (here.kind === 'in-app' && !(await getSetting<boolean>(appDb(), IN_APP_NOTICE_SEEN).catch(() => undefined))) setAskingInApp(true);
    else await startNewCase(user?.id);
  };

  const counts = useMemo(() => {
    const c: Record<Filter, number> = { all: 0, draft: 0, queued: 0, sent: 0, parked: 0, conflict: 0 };
    for (const item of cases ?? []) { c.all++; c[item.status]++; }
    return c;
  }, [cases]);

  // Sorted when the cases or the order change, not per keystroke; the search keeps that order.
  const sorted = useMemo(() => [...(cases ?? [])].sort(sort === 'name'
    ? (a, b) => vietnameseCollator.compare(a.fields.subjectName ?? '', b.fields.subjectName ?? '')
    : (a, b) => b.updatedAt - a.updatedAt), [cases, sort]);
  const [search] = useState(typingSearch);
  const shown = useMemo(() => search(sorted, query, filter, filter === 'all' ? undefined : (c) => c.status === filter), [sorted, query, filter]);
  // A phone with thousands of cases draws the first rows and more on request: a keystroke never redraws them all.
  const [more, setMore] = useState({ for: '', limit: ROWS_AT_ONCE });
  const view = `${query}\u0000${filter}\u0000${sort}`;
  const limit = more.for === view ? more.limit : ROWS_AT_ONCE;
  useEffect(() => (cases ? prepareSearch(sorted) : undefined), [sorted]);

  return (
    <main id="main" class="screen">
      <h1>Hồ sơ người tốt, việc tốt</h1>
      {!user && (
        <p class="notice notice--warn">
          Chưa đăng nhập: hồ sơ vẫn được ghi và lưu trên máy, và sẽ được gửi sau khi <a href={fieldPaths.signIn} onClick={onLinkClick}>đăng nhập</a>.
        </p>
      )}
      <ErasedNotices ownerId={user?.id} />
      {here.kind !== 'ordinary' && (
        <BrowserNotices here={here} asking={askingInApp} onRecordHere={() => { setAskingInApp(false); void startNewCase(user?.id); }} />
      )}
      <button type="button" class="button button--primary button--wide" onClick={() => void newCase()}>+ Ghi hồ sơ mới</button>

      <div class="filters" role="group" aria-label="Lọc theo trạng thái">
        {(['all', 'draft', 'queued', 'sent', 'parked', 'conflict'] as const).filter((f) => f !== 'parked' && f !== 'conflict' || counts[f] > 0).map((f) => (
          <button key={f} type="button" class="chip" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {f === 'all' ? 'Tất cả' : statusLabel[f]} <span class="chip__count">{counts[f]}</span>
          </button>
        ))}
      </div>
      <div class="row row--search">
        <div class="field">
          <label for="search">Tìm theo tên, xã, việc làm</label>
          <input id="search" type="search" value={query} placeholder="Ví dụ: muong te" onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <SelectField id="sort" label="Sắp xếp" class="field--narrow" emptyChoice={null} value={sort} choices={sortChoices} onChange={setSort} />
      </div>

      {cases === undefined ? <p>Đang tải…</p>
        : shown.length === 0 ? <EmptyState searching={query !== '' || filter !== 'all'} />
        // Rows keyed by position: a keystroke that brings other cases fills the rows already drawn with them (their
        // texts and link change) instead of removing rows and drawing new ones.
        : <ul class="case-list" aria-label="Danh sách hồ sơ">{shown.slice(0, limit).map((c, i) => <CaseRow key={i} item={c} />)}</ul>}
      {shown.length > limit && (
        <button type="button" class="button button--secondary button--wide" onClick={() => setMore({ for: view, limit: limit + ROWS_AT_ONCE })}>
          Xem thêm ({shown.length - limit} hồ sơ nữa)
        </button>
      )}
    </main>
  );
}

// Drawn again only when the case in its place changed: a keystroke that keeps the first rows redraws none of them.
const CaseRow = memo(function CaseRow({ item }: { item: LocalCase }) {
  const f = item.fields;
  const where = [f.village, communeLabel(f.communeCode)].filter(Boolean).join(', ');
  return (
    <li class="case-row">
      <a href={fieldPaths.case(item.id)} onClick={onLinkClick}>
        <span class="case-row__title">{f.subjectName?.trim() || '(Chưa có tên)'}</span>
        <Badge item={item} />
        <span class="case-row__meta">
          {[where, f.deedDate && formatDmy(f.deedDate), f.photos.length ? `${f.photos.length} ảnh` : ''].filter(Boolean).join(' · ')}
        </span>
        <span class="case-row__meta">Sửa lần cuối {formatDateTime(item.updatedAt)}</span>
      </a>
    </li>
  );
});

function Badge({ item }: { item: LocalCase }) {
  const { label, tone } = badgeOf(item);
  return <span class={`badge badge--${tone}`}>{label}</span>;
}

function EmptyState({ searching }: { searching: boolean }) {
  return searching
    ? <p class="empty">Không có hồ sơ nào khớp.</p>
    : <p class="empty">Chưa có hồ sơ nào. Bấm “Ghi hồ sơ mới” để bắt đầu — không cần có mạng.</p>;
}
