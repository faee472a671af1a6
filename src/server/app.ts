// The HTTP application: headers and logs on everything, /api routes, then the built app.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { ApiError } from '../shared/sync-protocol';
import { authRoutes } from './accounts/routes';
import { adminUserRoutes } from './admin/routes';
import { transitionRoutes } from './appraisal/routes';
import { bulletinRoutes } from './bulletin/routes';
import { loadSession } from './accounts/session-middleware';
import { caseRoutes } from './cases/routes';
import { changesRoutes } from './changes/routes';
import { dashboardRoute } from './dashboard/routes';
import { dialectOf, ping } from './db/connect';
import type { Deps } from './deps';
import { exportRoutes } from './export/routes';
import type { AppEnv } from './http/context';
import { ClientAborted } from './http/body';
import { ApiFailure } from './http/errors';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security';
import { errorFields } from './log';
import { photoRoutes } from './photos/routes';
import { referenceRoutes } from './reference/routes';
import { reviewRoutes } from './review/routes';
import { staticApp } from './static/static';

export function createApp(deps: Deps): Hono<AppEnv> {
  const { config, db, log } = deps;
  const app = new Hono<AppEnv>();

  app.use('*', securityHeaders(config));
  app.use('*', requestLog(log));

  app.onError((err, c) => {
    if (err instanceof ApiFailure) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return c.json(err.body, err.status);
    }
    if (err instanceof ClientAborted) {
      // The client went away mid-body: nobody reads this answer, and it is not the server's fault.
      return c.json({ error: 'invalid', message: 'Kết nối bị ngắt khi đang gửi dữ liệu' } satisfies ApiError, 400);
    }
    const errorId = randomBytes(6).toString('hex');
    log.error('unhandled', { errorId, method: c.req.method, path: c.req.path, ...errorFields(err) });
    const body: ApiError = { error: 'server-error', message: `Máy chủ gặp lỗi, vui lòng thử lại sau (mã lỗi ${errorId})` };
    return c.json(body, 500);
  });

  app.get('/api/health', async (c) => {
    try {
      await ping(db);
    } catch (err) {
      log.error('health check: database unreachable', errorFields(err));
      return c.json({ ok: false, db: dialectOf(db) }, 503);
    }
    return c.json({ ok: true, db: dialectOf(db) });
  });

  app.use('/api/*', loadSession(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/admin/users', adminUserRoutes(deps));
  app.route('/api/photos', photoRoutes(deps));
  app.route('/api/cases', caseRoutes(deps));
  app.route('/api/cases', transitionRoutes(deps));
  app.get('/api/review/dashboard', dashboardRoute(deps));
  app.route('/api/review', reviewRoutes(deps));
  app.route('/api/review', exportRoutes(deps));
  app.route('/api/sync', changesRoutes(deps));
  app.route('/api', referenceRoutes(deps));
  app.all('/api/*', (c) => c.json({ error: 'not-found', message: 'Không có đường dẫn API này' } satisfies ApiError, 404));

  app.route('/ban-tin', bulletinRoutes(deps));
  app.use('*', staticApp(config.staticDir));
  app.all('*', (c) => c.text('Không tìm thấy', 404));
  return app;
}
