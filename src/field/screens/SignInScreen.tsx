// Sign in: once with a network; afterwards the phone stays signed in for weeks, offline included.
import { useState } from 'preact/hooks';
import { signIn, SignInError } from '../auth/session';
import { TextField } from '../../ui/fields';
import { navigate } from '../../ui/router';
import { fieldPaths, reviewPaths } from '../../ui/paths';
import { announce } from '../../ui/notices';
import { useOnline } from '../hooks/useOnline';
import { pageSync } from '../sync/useSync';

export function SignInScreen({ username: initial = '' }: { username?: string }) {
  const [username, setUsername] = useState(initial);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const online = useOnline();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!username.trim() || !password) { setError('Nhập tên đăng nhập và mật khẩu.'); return; }
    setBusy(true);
    setError(undefined);
    try {
      const { user, adopted } = await signIn(username, password);
      announce(`Xin chào ${user.displayName}.${adopted ? ` Đã nhận ${adopted} hồ sơ ghi trước khi đăng nhập.` : ''}`);
      pageSync()?.syncNow().catch(() => undefined);
      // Reviewers work in the review workspace; reporters on their case list.
      navigate(user.role === 'reporter' ? fieldPaths.list : reviewPaths.root, { replace: true });
    } catch (e) {
      setError(e instanceof SignInError ? e.message : 'Chưa đăng nhập được. Hãy thử lại.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="screen">
      <h1>Đăng nhập</h1>
      <p class="hint">Đăng nhập để gửi hồ sơ lên Hội đồng Thi đua – Khen thưởng. Khi chưa đăng nhập, hồ sơ vẫn được ghi và lưu trên máy.</p>
      {!online && <p class="notice notice--warn">Máy đang không có mạng. Cần có mạng để đăng nhập.</p>}
      <form class="section" noValidate onSubmit={(e) => void submit(e)}>
        <TextField id="username" label="Tên đăng nhập" required value={username} autoComplete="username" onInput={setUsername} />
        <div class="field">
          <label for="password">Mật khẩu <span class="required" aria-hidden="true">*</span></label>
          <input id="password" type="password" autoComplete="current-password" value={password} aria-required="true"
            aria-describedby={error ? 'signin-error' : undefined}
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
        </div>
        {error && <p id="signin-error" class="error" role="alert">{error}</p>}
        <button type="submit" class="button button--primary button--wide" disabled={busy}>{busy ? 'Đang đăng nhập…' : 'Đăng nhập'}</button>
      </form>
    </main>
  );
}
