// First bundle: "a new version is ready" banner. The update waits for beforeUpdate (the app flushes the
// pending draft save there): if that fails, nothing is updated, so an update never loses a draft.
import { useEffect, useState } from 'preact/hooks';
import { applyUpdate, usePwaState } from './register';

export interface UpdateBannerProps {
  beforeUpdate?: () => Promise<void>;
}

const BANNER = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: '8px 12px',
  padding: '8px 12px',
  background: '#9b1c1c',
  color: '#ffffff',
  fontSize: '1rem',
} as const;

const BUTTON = {
  minHeight: '44px',
  padding: '0 16px',
  border: '0',
  borderRadius: '6px',
  background: '#fffaf3',
  color: '#9b1c1c',
  fontSize: '1rem',
  fontWeight: 600,
} as const;

// If the new version never takes control (it failed to activate), let the user try again.
const RETRY_AFTER_MS = 10_000;

export function UpdateBanner({ beforeUpdate }: UpdateBannerProps) {
  const { updateWaiting } = usePwaState();
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
    <div role="status" class="pwa-update" style={updateWaiting ? BANNER : undefined}>
      {updateWaiting && (
        <>
          <span>Có phiên bản mới — </span>
          <button type="button" style={BUTTON} onClick={update} disabled={busy}>
            {busy ? 'Đang cập nhật…' : 'Cập nhật'}
          </button>
          {failed && <p style={{ margin: 0, flexBasis: '100%' }}>Chưa lưu được bản nháp nên chưa cập nhật. Hãy thử lại.</p>}
        </>
      )}
    </div>
  );
}
