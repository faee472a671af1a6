// The review workspace (/tham-dinh…), loaded only when a reviewer opens it: never in the first bundle, never
// precached (its chunks are named review-*, see vite.config.ts), so a field phone never downloads it.
// App.tsx lets only signed-in users whose role is not 'reporter' get here; the server checks every call again.
import type { SessionUser } from '../shared/sync-protocol';
import { reviewPaths } from '../ui/paths';
import { NavLink } from '../ui/nav-link';
import { within } from '../ui/router';
import { CaseScreen } from './case/CaseScreen';
import { CaseTableScreen } from './table/CaseTableScreen';
import { tablePath } from './table/query';
import { ListsProvider } from './ui/lists';
import { DashboardScreen } from './dashboard/DashboardScreen';
import { AdminScreen } from './admin/AdminScreen';
import { BatchListScreen } from './batches/BatchListScreen';
import { BatchScreen } from './batches/BatchScreen';
import './batches/batches.css';
import './review.css';

function Message({ title, text }: { title: string; text: string }) {
  return <main id="main" class="screen"><h1>{title}</h1><p>{text}</p></main>;
}

function Screen({ user, path }: { user: SessionUser; path: string }) {
  const caseId = reviewPaths.caseId(path);
  if (caseId !== undefined) return <CaseScreen key={caseId} id={caseId} user={user} />;
  if (path === reviewPaths.root || path === `${reviewPaths.root}/`) return <CaseTableScreen user={user} />;
  if (within(path, reviewPaths.dashboard)) return <DashboardScreen user={user} />;
  const batchId = reviewPaths.batchId(path);
  if (batchId !== undefined) return <BatchScreen key={batchId} id={batchId} user={user} />;
  if (path === reviewPaths.batches) return <BatchListScreen user={user} />;
  if (within(path, reviewPaths.admin)) {
    return user.role === 'admin'
      ? <AdminScreen user={user} />
      : <Message title="Quản trị" text="Chỉ tài khoản quản trị mới mở được mục này." />;
  }
  return <Message title="Không tìm thấy trang" text="Địa chỉ này không có trong khu vực thẩm định." />;
}

export function ReviewApp({ user, path }: { user: SessionUser; path: string }) {
  return (
    <ListsProvider>
      <nav class="review-nav" aria-label="Khu vực thẩm định">
        <NavLink href={tablePath()} current={path === reviewPaths.root || within(path, reviewPaths.cases)}>Danh sách hồ sơ</NavLink>
        <NavLink href={reviewPaths.batches} current={within(path, reviewPaths.batches)}>Đợt đề nghị</NavLink>
        <NavLink href={reviewPaths.dashboard} current={within(path, reviewPaths.dashboard)}>Báo cáo</NavLink>
        {user.role === 'admin' && <NavLink href={reviewPaths.admin} current={within(path, reviewPaths.admin)}>Quản trị</NavLink>}
      </nav>
      <Screen user={user} path={path} />
    </ListsProvider>
  );
}
