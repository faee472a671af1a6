// First bundle: "a new version is ready" banner. The update waits for beforeUpdate (the app flushes the
// pending draft save there): if that fails, nothing is updated, so an update never loses a draft.
import { useEffect, useState } from 'preact/hooks';
import { applyUpdate, usePwaState } from './register';

export interface UpdateBannerProps {
  beforeUpdate?: () => Promise<void>;
}

// If the new version never takes control (it failed to activate), let the user try again.
const RETRY_AFTER_MS = 10_000;

export function UpdateBanner({ beforeUpdate }: UpdateBannerProps) {
  const { updateWaiting, staleCode } = usePwaState();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setBusy(false), RETRY_AFTER_MS);
    return () => clearTimeout(timer);
  }, [busy]);

  const update = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await beforeUpdate?.();
    } catch {
      setBusy(false);
      setFailed(true);
      return;
    }
    applyUpdate();
  };

  // The live region is always in the page, so screen readers announce the message when it appears.
  return (
    <div role="status" class={updateWaiting ? 'pwa-update pwa-update--shown' : 'pwa-update'}>
      {updateWaiting && (
        <>
          <span>Có phiên bản mới — </span>
          <button type="button" onClick={update} disabled={busy}>
            {busy ? 'Đang cập nhật…' : 'Cập nhật'}
          </button>
          {staleCode && <p>Phần này của ứng dụng đã được thay bằng phiên bản mới. Bản nháp đã được lưu trên máy.</p>}
          {failed && <p>Chưa lưu được bản nháp nên chưa cập nhật. Hãy thử lại.</p>}
        </>
      )}
    </div>
  );
}
