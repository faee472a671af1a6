// The review workspace (/tham-dinh…), loaded only when a reviewer opens it: never in the first bundle, never
// precached (its chunks are named review-*, see vite.config.ts), so a field phone never downloads it.
// App.tsx lets only signed-in users whose role is not 'reporter' get here; the server checks every call again.
import type { SessionUser } from '../shared/sync-protocol';
import { onLinkClick, within } from '../ui/router';
import { CaseScreen } from './case/CaseScreen';
import { CaseTableScreen } from './table/CaseTableScreen';
import { tablePath } from './table/query';
import { ListsProvider } from './ui/lists';
import { DashboardScreen } from './dashboard/DashboardScreen';
import { AdminScreen } from './admin/AdminScreen';
import './review.css';

const REVIEW_ROOT = '/tham-dinh';
const DASHBOARD = `${REVIEW_ROOT}/bao-cao`;
const ADMIN = `${REVIEW_ROOT}/quan-tri`;


function Message({ title, text }: { title: string; text: string }) {
  return <main id="main" class="screen"><h1>{title}</h1><p>{text}</p></main>;
}

function Screen({ user, path }: { user: SessionUser; path: string }) {
  const caseMatch = /^\/tham-dinh\/ho-so\/([^/]+)$/.exec(path);
  if (caseMatch) return <CaseScreen key={caseMatch[1]} id={decodeURIComponent(caseMatch[1]!)} />;
  if (path === REVIEW_ROOT || path === `${REVIEW_ROOT}/`) return <CaseTableScreen user={user} />;
  if (within(path, DASHBOARD)) return <DashboardScreen user={user} />;
  if (within(path, ADMIN)) {
    return user.role === 'admin'
      ? <AdminScreen user={user} />
      : <Message title="Quản trị" text="Chỉ tài khoản quản trị mới mở được mục này." />;
  }
  return <Message title="Không tìm thấy trang" text="Địa chỉ này không có trong khu vực thẩm định." />;
}

export function ReviewApp({ user, path }: { user: SessionUser; path: string }) {
  const link = (href: string, label: string, current: boolean) => (
    <a href={href} onClick={onLinkClick} aria-current={current ? 'page' : undefined}>{label}</a>
  );
  return (
    <ListsProvider>
      <nav class="review-nav" aria-label="Khu vực thẩm định">
        {link(tablePath(), 'Danh sách hồ sơ', path === REVIEW_ROOT || within(path, `${REVIEW_ROOT}/ho-so`))}
        {link(DASHBOARD, 'Báo cáo', within(path, DASHBOARD))}
        {user.role === 'admin' && link(ADMIN, 'Quản trị', within(path, ADMIN))}
      </nav>
      <Screen user={user} path={path} />
    </ListsProvider>
  );
}
