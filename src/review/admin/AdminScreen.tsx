// /tham-dinh/quan-tri (administrators): accounts, and /tham-dinh/quan-tri/danh-muc: the reference lists.
import type { SessionUser } from '../../shared/sync-protocol';
import { reviewPaths } from '../../ui/paths';
import { NavLink } from '../../ui/nav-link';
import { useLocation, within } from '../../ui/router';
import { ListsPanel } from './ListsPanel';
import { UsersPanel } from './UsersPanel';
import './admin.css';

export function AdminScreen({ user }: { user: SessionUser }) {
  const onLists = within(useLocation().path, reviewPaths.lists);
  return (
    <main id="main" class="screen review-screen admin-screen">
      <h1>Quản trị</h1>
      <nav class="admin-tabs" aria-label="Mục quản trị">
        <NavLink href={reviewPaths.admin} current={!onLists}>Tài khoản</NavLink>
        <NavLink href={reviewPaths.lists} current={onLists}>Danh mục</NavLink>
      </nav>
      {onLists ? <ListsPanel /> : <UsersPanel user={user} />}
    </main>
  );
}
