// Finds the signed-in user from the session cookie on every /api request, and slides the session.
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { servesHttps, type Config } from '../config';
import type { Deps } from '../deps';
import type { AppContext, AppEnv } from '../http/context';
import { toSessionUser } from './users';
import {
  SESSION_COOKIE, deleteSession, findLiveSession, isTokenShaped, lifeLeft, renewSession, renewalInterval, sessionTtl,
} from './sessions';

/**
 * Over https the cookie is `__Host-` prefixed: the browser then keeps it only if it is Secure, for this host
 * alone (no Domain), on path / — a sibling subdomain or a plain-http page cannot plant or overwrite it.
 */
export const sessionCookieName = (config: Config): string => (servesHttps(config) ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

export const sessionToken = (c: AppContext, config: Config): string | undefined => getCookie(c, sessionCookieName(config));

const cookieOptions = (config: Config) => ({ httpOnly: true, sameSite: 'Strict', path: '/', secure: servesHttps(config) } as const);

export function setSessionCookie(c: AppContext, config: Config, token: string, ttlMs: number): void {
  setCookie(c, sessionCookieName(config), token, { ...cookieOptions(config), maxAge: Math.floor(ttlMs / 1000) });
}

export function clearSessionCookie(c: AppContext, config: Config): void {
  deleteCookie(c, sessionCookieName(config), cookieOptions(config));
}

export function loadSession({ db, config, now: clock = () => new Date() }: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionToken(c, config);
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

