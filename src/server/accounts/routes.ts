// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me (signed in: app.ts guards it).
import { Hono } from 'hono';
import { LoginRequestSchema } from '../../shared/sync-schemas';
import type { Deps } from '../deps';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiFailure, unauthenticated } from '../http/errors';
import { clientIp } from '../http/request-info';
import { parseOr422 } from '../http/validation';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { createSession, deleteSession, isTokenShaped, sessionTtl } from './sessions';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-middleware';
import { findUserByUsername, normaliseUsername, toSessionUser } from './users';

export function authRoutes(deps: Deps): Hono<AppEnv> {
  const { db, config, limiter, now } = deps;
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const body = parseOr422(LoginRequestSchema, await readJson(c, config.maxJsonBytes));
    const username = normaliseUsername(body.username);
    const ip = clientIp(c, config);
    const wait = limiter.retryAfter(username, ip);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      throw new ApiFailure(429, {
        error: 'rate-limited',
        message: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      }, { 'Retry-After': String(wait) });
    }
    const row = await findUserByUsername(db, username);
    const ok = row && !row.disabled_at
      ? await verifyPassword(body.password, row.password_hash)
      : await verifyAgainstDummy(body.password);
    if (!row || !ok) {
      limiter.recordFailure(username, ip);
      throw unauthenticated('Tên đăng nhập hoặc mật khẩu không đúng');
    }
    limiter.recordSuccess(username);
    const user = toSessionUser(row);
    const ttl = sessionTtl(config, user.role);
    const token = await createSession(db, user.id, ttl, now?.());
    setSessionCookie(c, config, token, ttl);
    c.set('user', user);
    return c.json({ user });
  });

  app.post('/logout', async (c) => {
    const token = sessionToken(c, config);
    if (token && isTokenShaped(token)) await deleteSession(db, token);
    clearSessionCookie(c, config);
    return c.json({ ok: true });
  });

  app.get('/me', (c) => c.json({ user: c.var.user }));

  return app;
}
