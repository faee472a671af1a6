// /tham-dinh/quan-tri (administrators): accounts, and /tham-dinh/quan-tri/danh-muc: the reference lists.
import type { SessionUser } from '../../shared/sync-protocol';
import { onLinkClick, usePath, within } from '../../ui/router';
import { ListsPanel } from './ListsPanel';
import { UsersPanel } from './UsersPanel';
import './admin.css';

const USERS = '/tham-dinh/quan-tri';
const LISTS = `${USERS}/danh-muc`;

export function AdminScreen({ user }: { user: SessionUser }) {
  const path = usePath();
  const onLists = within(path, LISTS);
  const tab = (href: string, label: string, current: boolean) => (
    <a href={href} onClick={onLinkClick} aria-current={current ? 'page' : undefined}>{label}</a>
  );
  return (
    <main id="main" class="screen review-screen admin-screen">
      <h1>Quản trị</h1>
      <nav class="admin-tabs" aria-label="Mục quản trị">
        {tab(USERS, 'Tài khoản', !onLists)}
        {tab(LISTS, 'Danh mục', onLists)}
      </nav>
      {onLists ? <ListsPanel /> : <UsersPanel user={user} />}
    </main>
  );
}
