// Storage and backup: how much room is left, keeping data from eviction, and the escape hatch when sync never
// works — all unsent cases to one file, and back in on another device. The ZIP code loads only when used.
import { useState } from 'preact/hooks';
import { appDb, UNSENT_STATUSES } from '../../db/database';
import { formatBytes } from '../../shared/format';
import { useStorageState } from '../storage/persistence';
import { saveUnsentToFile } from '../storage/export-file';
import { useTask, TaskResultLine } from '../hooks/useTask';
import { useLiveQuery } from '../hooks/useLiveQuery';
import type { SessionUser } from '../../shared/sync-protocol';
import { roleNames } from '../../shared/sync-protocol';
import { areaLabel } from '../../shared/reference';
import { signOut } from '../auth/session';
import { navigate } from '../../ui/router';
import { fieldPaths } from '../../ui/paths';
import { announce } from '../../ui/notices';
import { loadCode } from '../pwa/stale-code';

export function StorageScreen({ user }: { user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const storage = useStorageState(version);
  const unsent = useLiveQuery(() => appDb().cases.where('status').anyOf(UNSENT_STATUSES).count(), []);
  const { busy, result, run } = useTask(() => setVersion((v) => v + 1));

  const exportAll = () => run(saveUnsentToFile);

  const importChosen = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void run(async () => {
      const { importFile } = await loadCode(() => import('../../transfer/import'));
      const r = await importFile(appDb(), file);
      return `Đã nhập ${r.added} hồ sơ mới, cập nhật ${r.updated}, bỏ qua ${r.skipped} hồ sơ đã có (${r.photos} ảnh).`;
    });
  };

  const persist = () => run(async () => {
    const granted = await navigator.storage?.persist?.().catch(() => false);
    return granted ? 'Trình duyệt sẽ giữ dữ liệu lâu dài.' : 'Trình duyệt chưa đồng ý. Hãy cài ứng dụng lên màn hình chính rồi thử lại.';
  });

  return (
    <main id="main" class="screen">
      <h1>Bộ nhớ và sao lưu</h1>
      <section class="section storage-facts" aria-labelledby="storage-h">
        <h2 id="storage-h">Bộ nhớ trên máy</h2>
        {storage ? (
          <>
            <p>Đã dùng <strong>{formatBytes(storage.usage)}</strong>, còn trống khoảng <strong>{formatBytes(Math.max(0, storage.quota - storage.usage))}</strong>.</p>
            <meter min={0} max={storage.quota || 1} value={storage.usage} aria-label="Dung lượng đã dùng" />
            {storage.low && <p class="notice notice--warn">Bộ nhớ sắp đầy. Hãy gửi hoặc sao lưu hồ sơ ra tệp, và xoá bớt ảnh, video không cần trên máy.</p>}
            <p>{storage.persisted ? 'Dữ liệu được giữ lâu dài: trình duyệt sẽ không tự xoá.' : 'Dữ liệu chưa được giữ lâu dài: khi máy thiếu chỗ, trình duyệt có thể xoá.'}</p>
            {!storage.persisted && <button type="button" class="button button--secondary" disabled={busy} onClick={() => void persist()}>Giữ dữ liệu lâu dài</button>}
          </>
        ) : (
          <p class="storage-unknown">Trình duyệt này không cho biết bộ nhớ còn trống bao nhiêu. Hãy gửi hồ sơ khi có mạng, và khi lâu chưa gửi được thì sao lưu ra tệp ở dưới.</p>
        )}
      </section>

      <section class="section" aria-labelledby="account-h">
        <h2 id="account-h">Tài khoản</h2>
        {user ? (
          <>
            <p><strong>{user.displayName}</strong> ({user.username}) — {roleNames[user.role]}, {areaLabel(user.area)}</p>
            <p class="hint">Đăng xuất không xoá hồ sơ: hồ sơ chưa gửi của bạn vẫn nằm trên máy và được gửi khi bạn đăng nhập lại. Người khác dùng máy này không thấy hồ sơ của bạn.</p>
            <button type="button" class="button button--secondary" onClick={() => void signOut().then(() => { announce('Đã đăng xuất.'); navigate(fieldPaths.list); })}>Đăng xuất</button>
          </>
        ) : (
          <p>Chưa đăng nhập. <a href={fieldPaths.signIn} onClick={(e) => { e.preventDefault(); navigate(fieldPaths.signIn); }}>Đăng nhập</a> để gửi hồ sơ.</p>
        )}
      </section>

      <section class="section" aria-labelledby="backup-h">
        <h2 id="backup-h">Sao lưu hồ sơ chưa gửi</h2>
        <p>Khi mãi không gửi được, hãy xuất tất cả hồ sơ chưa gửi ({unsent ?? '…'}) ra một tệp, rồi nhập tệp đó trên máy khác. Hồ sơ giữ nguyên mã nên không bị trùng.</p>
        <div class="form-actions">
          <button type="button" class="button button--primary" disabled={busy || !unsent} onClick={() => void exportAll()}>Xuất ra tệp</button>
          <label class={`button button--secondary${busy ? ' is-disabled' : ''}`} for="import-file">
            Nhập từ tệp
            <input id="import-file" type="file" accept=".zip,application/zip" class="visually-hidden" disabled={busy} onChange={(e) => importChosen(e.currentTarget as HTMLInputElement)} />
          </label>
        </div>
        {busy && <p role="status">Đang xử lý…</p>}
        <TaskResultLine result={result} />
      </section>
    </main>
  );
}
