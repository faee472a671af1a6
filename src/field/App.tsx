// The shell: header, banners, and the field screens. The reviewer screens (/tham-dinh…) are a lazy chunk that is
// never precached: only a signed-in reviewer downloads it.
import { CaseListScreen } from './screens/CaseListScreen';
import { CaseFormScreen } from './screens/CaseFormScreen';
import { useLocation, onLinkClick, within } from '../ui/router';
import { NavLink } from '../ui/nav-link';
import { fieldPaths, reviewPaths } from '../ui/paths';
import { useOnline } from './hooks/useOnline';
import { flushAllDrafts } from './hooks/useDraft';
import { useStorageState } from './storage/persistence';
import { Notices } from '../ui/notices';
import { UpdateBanner } from './pwa/UpdateBanner';
import { InstallButton } from './pwa/InstallButton';
import { formatBytes } from '../shared/format';
import type { SessionUser } from '../shared/sync-protocol';
import { useSessionUser } from './auth/session';
import { SyncBar } from './sync/SyncBar';
import { lazyComponent } from './lazy';
import { serverReachable } from './pwa/stale-code';
import { Dock } from './Dock';
import { Logo } from './Logo';
import type { ComponentChildren } from 'preact';

const StorageScreen = lazyComponent(() => import('./screens/StorageScreen').then((m) => m.StorageScreen));
const SignInScreen = lazyComponent(() => import('./screens/SignInScreen').then((m) => m.SignInScreen));
// Not precached, so offline the import (its script or its CSS) fails: say why instead of a broken screen.
// With the server reachable, its file is gone: this tab runs an old release (lazyComponent asks for the update).
const ReviewApp = lazyComponent(async () => {
  try {
    return (await import('../review/ReviewApp')).ReviewApp;
  } catch (error) {
    if (await serverReachable()) throw error;
    return ReviewUnreachable;
  }
});

const inReview = (path: string) => within(path, reviewPaths.root);

function ReviewNote({ children }: { children: ComponentChildren }) {
  return <main id="main" class="screen"><h1>Thẩm định</h1>{children}</main>;
}

function ReviewUnreachable() {
  return (
    <ReviewNote>
      <p class="notice notice--warn" role="alert">Cần kết nối mạng để mở khu vực thẩm định.</p>
      <button type="button" class="button" onClick={() => location.reload()}>Thử lại</button>
    </ReviewNote>
  );
}

function Screen({ path, user }: { path: string; user: SessionUser | null | undefined }) {
  const caseId = fieldPaths.caseId(path);
  if (caseId !== undefined) return <CaseFormScreen key={caseId} id={caseId} />;
  if (path === fieldPaths.storage) return <StorageScreen user={user ?? null} />;
  if (path === fieldPaths.signIn) return <SignInScreen username={user?.username} />;
  if (user === undefined) return <main id="main" class="screen"><p role="status">Đang tải…</p></main>;
  if (inReview(path)) {
    if (!user) return <ReviewNote><p>Cần <a href={fieldPaths.signIn} onClick={onLinkClick}>đăng nhập</a> bằng tài khoản cán bộ thẩm định.</p></ReviewNote>;
    if (user.role === 'reporter') return <ReviewNote><p class="notice notice--warn">Tài khoản người báo cáo không được mở khu vực thẩm định.</p></ReviewNote>;
    return <ReviewApp user={user} path={path} />;
  }
  return <CaseListScreen user={user} />;
}

export function App() {
  const { path } = useLocation();
  const online = useOnline();
  const storage = useStorageState(path);
  const user = useSessionUser();
  return (
    <>
      <a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>
      <header class="app-header">
        <a class="brand" href={fieldPaths.list} onClick={onLinkClick}>
          <Logo />
          <span>Gương Sáng</span>
        </a>
        <nav aria-label="Chính">
          <NavLink href={fieldPaths.list} current={path === fieldPaths.list}>Hồ sơ</NavLink>
          <NavLink href={fieldPaths.storage} current={path === fieldPaths.storage}>Bộ nhớ</NavLink>
          {user && user.role !== 'reporter' && <NavLink href={reviewPaths.root} current={inReview(path)}>Thẩm định</NavLink>}
          {user === null && <NavLink href={fieldPaths.signIn} current={path === fieldPaths.signIn}>Đăng nhập</NavLink>}
        </nav>
      </header>
      <Screen path={path} user={user} />
      <Dock>
        <UpdateBanner beforeUpdate={flushAllDrafts} />
        <InstallButton class="install-button" />
        {storage?.low && (
          <p class="banner banner--warn" role="alert">
            Bộ nhớ máy sắp đầy (còn {formatBytes(Math.max(0, storage.quota - storage.usage))}). Hãy gửi hoặc <a href={fieldPaths.storage} onClick={onLinkClick}>sao lưu hồ sơ</a>.
          </p>
        )}
        {!online && <p class="banner banner--offline" role="status">Đang ngoại tuyến — hồ sơ vẫn được lưu trên máy.</p>}
        <SyncBar signedIn={!!user} />
      </Dock>
      <Notices />
    </>
  );
}
