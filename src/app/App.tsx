// The shell: header, banners, and the field screens. Reviewer screens (another issue) will be lazy-loaded here.
import { CaseListScreen } from './screens/CaseListScreen';
import { CaseFormScreen } from './screens/CaseFormScreen';
import { usePath, onLinkClick } from './router';
import { useOnline } from './hooks/useOnline';
import { flushAllDrafts } from './hooks/useDraft';
import { useStorageState } from './storage/persistence';
import { Notices } from './notices';
import { UpdateBanner } from './pwa/UpdateBanner';
import { InstallButton } from './pwa/InstallButton';
import { formatBytes } from '../shared/format';
import { lazyComponent } from './lazy';

const StorageScreen = lazyComponent(() => import('./screens/StorageScreen').then((m) => m.StorageScreen));

function Screen({ path }: { path: string }) {
  const caseMatch = /^\/ho-so\/([^/]+)$/.exec(path);
  if (caseMatch) return <CaseFormScreen key={caseMatch[1]} id={decodeURIComponent(caseMatch[1]!)} />;
  if (path === '/bo-nho') return <StorageScreen />;
  return <CaseListScreen />;
}

export function App() {
  const path = usePath();
  const online = useOnline();
  const storage = useStorageState(path);
  return (
    <>
      <a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>
      <header class="app-header">
        <a class="brand" href="/" onClick={onLinkClick}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>Gương Sáng</span>
        </a>
        <nav aria-label="Chính">
          <a href="/" onClick={onLinkClick} aria-current={path === '/' ? 'page' : undefined}>Hồ sơ</a>
          <a href="/bo-nho" onClick={onLinkClick} aria-current={path === '/bo-nho' ? 'page' : undefined}>Bộ nhớ</a>
        </nav>
      </header>
      {!online && <p class="banner banner--offline" role="status">Đang ngoại tuyến — hồ sơ vẫn được lưu trên máy.</p>}
      {storage?.low && (
        <p class="banner banner--warn" role="alert">
          Bộ nhớ máy sắp đầy (còn {formatBytes(Math.max(0, storage.quota - storage.usage))}). Hãy gửi hoặc <a href="/bo-nho" onClick={onLinkClick}>sao lưu hồ sơ</a>.
        </p>
      )}
      <UpdateBanner beforeUpdate={flushAllDrafts} />
      <InstallButton />
      <Screen path={path} />
      <Notices />
    </>
  );
}
