// Finds the signed-in user from the session cookie on every /api request, and slides the session.
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';
import type { Deps } from '../deps';
import type { AppContext, AppEnv } from '../http/context';
import { isHttps } from '../http/request-info';
import { toSessionUser } from './users';
import {
  SESSION_COOKIE, deleteSession, findLiveSession, isTokenShaped, lifeLeft, renewSession, renewalInterval, sessionTtl,
} from './sessions';

export function setSessionCookie(c: AppContext, config: Config, token: string, ttlMs: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: Math.floor(ttlMs / 1000),
    secure: isHttps(c, config),
  });
}

export function clearSessionCookie(c: AppContext, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isHttps(c, config) });
}

export function loadSession({ db, config, now: clock = () => new Date() }: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && isTokenShaped(token)) {
      const now = clock();
      const session = await findLiveSession(db, token, now);
      const left = session ? lifeLeft(config, session.role, Date.parse(session.created_at), now.getTime()) : 0;
      if (session && left <= 0) {
        await deleteSession(db, token); // past its absolute maximum, however recently it was used
      } else if (session) {
        const user = toSessionUser(session);
        c.set('user', user);
        if (now.getTime() - Date.parse(session.renewed_at) >= renewalInterval(sessionTtl(config, user.role))) {
          await renewSession(db, session.token_hash, left, now);
          setSessionCookie(c, config, token, left);
        }
      }
    }
    await next();
  };
}

