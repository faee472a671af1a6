// What the reporter needs to know about sending, in one line: waiting for a network, sending (with progress),
// sign in again, or when the next try is — and a "Gửi ngay" button.
import { formatBytes } from '../../shared/format';
import { formatDateTime } from '../../shared/dates';
import { fieldPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { pageSync, useSync } from './useSync';

export function SyncBar({ signedIn }: { signedIn: boolean }) {
  const s = useSync();
  if (!s || !signedIn) return null;
  const attention = s.parked + s.conflicts;
  if (s.waiting === 0 && attention === 0 && !s.authRequired && !s.current) return null;

  let line: string;
  if (s.authRequired) line = `Phiên đăng nhập đã hết. Đăng nhập lại để gửi ${s.waiting} hồ sơ.`;
  else if (s.current) line = `Đang gửi “${s.current.label}”…`;
  else if (!s.online) line = `Chờ mạng — ${s.waiting} hồ sơ chờ gửi. Hồ sơ sẽ tự gửi khi có mạng.`;
  else if (s.waiting > 0 && s.nextAttemptAt) line = `${s.waiting} hồ sơ chờ gửi. Sẽ thử lại lúc ${formatDateTime(s.nextAttemptAt).slice(11)}.`;
  else line = `${s.waiting} hồ sơ chờ gửi.`;

  return (
    <div class={`sync-bar${s.authRequired ? ' sync-bar--auth' : ''}`} role="status">
      <p>{line}</p>
      {s.current && (
        <>
          <progress max={s.current.totalBytes || 1} value={s.current.sentBytes} aria-label="Tiến độ gửi" />
          <p class="hint">{formatBytes(s.current.sentBytes)} / {formatBytes(s.current.totalBytes)}</p>
        </>
      )}
      {s.lastError && !s.current && s.lastError.kind !== 'auth' && <p class="hint">Lần trước: {s.lastError.message}</p>}
      {attention > 0 && <p class="error">{attention} hồ sơ cần bạn xem lại (máy chủ chưa nhận).</p>}
      {s.authRequired ? (
        <a class="button button--primary button--small" href={fieldPaths.signIn} onClick={onLinkClick}>Đăng nhập lại</a>
      ) : s.waiting > 0 && s.online && !s.current && (
        <button type="button" class="button button--secondary button--small" onClick={() => void pageSync()?.syncNow()}>Gửi ngay</button>
      )}
    </div>
  );
}
