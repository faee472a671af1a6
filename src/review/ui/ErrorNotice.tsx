// A failed load: the server's Vietnamese message, a way to retry, and the sign-in link when the session ended.
import { fieldPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { messageOf, ReviewError } from '../api';

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const signedOut = error instanceof ReviewError && error.status === 401;
  return (
    <div class="notice notice--error" role="alert">
      <p>{messageOf(error)}</p>
      {signedOut && <p><a href={fieldPaths.signIn} onClick={onLinkClick}>Đăng nhập lại</a></p>}
      {onRetry && !signedOut && <button type="button" class="button button--small" onClick={onRetry}>Thử lại</button>}
    </div>
  );
}
