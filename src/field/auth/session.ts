// Signing in and out on the phone. The server keeps the session (an HttpOnly cookie); the phone remembers who
// signed in (IndexedDB) so it works offline for weeks and sends only that user's cases.
import { appDb } from '../../db/database';
import { clearSession, getSessionUser, saveSession } from '../../db/session';
import { noteServerDate } from '../../sync/server-clock';
import { api, type ApiError, type SessionUser } from '../../shared/sync-protocol';
import { useLiveQuery } from '../hooks/useLiveQuery';

export class SignInError extends Error {}

let current: SessionUser | undefined;
/** The signed-in user's id, for the sync engine (kept in step by useSessionUser / refreshSessionUser). */
export const currentUserId = (): string | undefined => current?.id;

export async function refreshSessionUser(): Promise<SessionUser | undefined> {
  current = await getSessionUser(appDb());
  return current;
}

/** undefined while loading, null when nobody is signed in on this phone. */
export function useSessionUser(): SessionUser | null | undefined {
  return useLiveQuery(async () => {
    current = await getSessionUser(appDb());
    return current ?? null;
  }, []);
}

async function errorMessage(response: Response): Promise<string> {
  if (response.status === 401) return 'Sai tên đăng nhập hoặc mật khẩu.';
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (body.message) return body.message;
  } catch { /* not JSON: fall through */ }
  return 'Máy chủ đang bận, chưa đăng nhập được. Hãy thử lại sau.';
}

export async function signIn(username: string, password: string): Promise<{ user: SessionUser; adopted: number }> {
  let response: Response;
  try {
    response = await fetch(api.login, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: username.trim(), password }),
      credentials: 'same-origin',
    });
  } catch {
    throw new SignInError('Không có mạng. Cần có mạng để đăng nhập; hồ sơ vẫn ghi được khi chưa đăng nhập.');
  }
  await noteServerDate(appDb(), response.headers.get('date'));
  if (!response.ok) throw new SignInError(await errorMessage(response));
  const { user } = (await response.json()) as { user: SessionUser };
  const adopted = await saveSession(appDb(), user);
  current = user;
  return { user, adopted };
}

/** Forgets the user on this phone. Their unsent cases stay, hidden, until they sign in again. */
export async function signOut(): Promise<void> {
  await clearSession(appDb());
  current = undefined;
  try {
    await fetch(api.logout, { method: 'POST', credentials: 'same-origin' });
  } catch { /* offline: the server session simply expires */ }
}
