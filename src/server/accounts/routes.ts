// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me (signed in: app.ts guards it).
import { Hono } from 'hono';
import { LoginRequestSchema } from '../../shared/sync-schemas';
import { timeOf, type Deps } from '../deps';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiFailure, unauthenticated } from '../http/errors';
import { clientIp } from '../http/request-info';
import { parseOr422 } from '../http/validation';
import type { Metrics } from '../metrics/metrics';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { LoginRefused } from './rate-limit';
import { createSession, deleteSession, isTokenShaped, lifeLeft } from './sessions';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-middleware';
import { findUserByUsername, normaliseUsername, toSessionUser } from './users';

export function authRoutes(deps: Deps): Hono<AppEnv> {
  const { db, config, limiter, now, metrics } = deps;
  const orTooMany = tooManyAnswer(metrics);
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const body = parseOr422(LoginRequestSchema, await readJson(c, config.maxJsonBytes));
    const username = normaliseUsername(body.username);
    const ip = clientIp(c, config);
    const at = timeOf({ now });
    await orTooMany(limiter.admit(db, username, ip, at.getTime()));
    const row = await findUserByUsername(db, username);
    const ok = await orTooMany(limiter.check(() => (row && !row.disabled_at
      ? verifyPassword(body.password, row.password_hash)
      : verifyAgainstDummy(body.password))));
    if (!row || !ok) {
      metrics.loginFailures.inc();
      throw unauthenticated('Tên đăng nhập hoặc mật khẩu không đúng');
    }
    await limiter.succeeded(db, username, ip);
    // A new sign-in in this browser ends the one before it (another user's, or a stolen copy of this one's).
    const previous = sessionToken(c, config);
    if (previous && isTokenShaped(previous)) await deleteSession(db, previous);
    const user = toSessionUser(row);
    const ttl = lifeLeft(config, user.role, at.getTime(), at.getTime());
    const token = await createSession(db, user.id, ttl, at);
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

/** LoginRefused as a 429 with Retry-After and a Vietnamese sentence, counted by its reason. */
const tooManyAnswer = (metrics: Metrics) => async <T>(attempt: Promise<T>): Promise<T> => {
  try {
    return await attempt;
  } catch (err) {
    if (!(err instanceof LoginRefused)) throw err;
    metrics.loginThrottled.inc({ reason: err.busy ? 'busy' : 'attempts' });
    const wait = err.seconds < 60 ? `${err.seconds} giây` : `${Math.ceil(err.seconds / 60)} phút`;
    throw new ApiFailure(429, {
      error: 'rate-limited',
      message: err.busy
        ? `Máy chủ đang bận, vui lòng thử lại sau ${wait}.`
        : `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait}.`,
    }, { 'Retry-After': String(err.seconds) });
  }
};
