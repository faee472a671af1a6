// /tham-dinh/quan-tri (administrators): accounts, /tham-dinh/quan-tri/danh-muc: the reference lists, and
// /tham-dinh/quan-tri/khen-thuong: the commendation settings (legal bases, vote shares, certificate calibration).
import type { SessionUser } from '../../shared/sync-protocol';
import { reviewPaths } from '../../ui/paths';
import { NavLink } from '../../ui/nav-link';
import { useLocation, within } from '../../ui/router';
import { CommendationPanel } from './CommendationPanel';
import { ListsPanel } from './ListsPanel';
import { UsersPanel } from './UsersPanel';
import './admin.css';

export function AdminScreen({ user }: { user: SessionUser }) {
  const { path } = useLocation();
  const onLists = within(path, reviewPaths.lists);
  const onCommendation = within(path, reviewPaths.commendationSettings);
  return (
    <main id="main" class="screen review-screen admin-screen">
      <h1>Quản trị</h1>
      <nav class="admin-tabs" aria-label="Mục quản trị">
        <NavLink href={reviewPaths.admin} current={!onLists && !onCommendation}>Tài khoản</NavLink>
        <NavLink href={reviewPaths.lists} current={onLists}>Danh mục</NavLink>
        <NavLink href={reviewPaths.commendationSettings} current={onCommendation}>Thiết lập khen thưởng</NavLink>
      </nav>
      {onLists ? <ListsPanel /> : onCommendation ? <CommendationPanel /> : <UsersPanel user={user} />}
    </main>
  );
}
