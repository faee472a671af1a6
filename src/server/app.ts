// The HTTP application: headers and logs on everything, /api routes, then the built app.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { batchApi } from '../shared/batch-protocol';
import type { ApiError } from '../shared/sync-protocol';
import { adminOnly, reviewerOnly, signedIn, subjectRightsOnly } from './accounts/access';
import { authRoutes } from './accounts/routes';
import { batchRoutes, commendationSettingsRoutes } from './batches/routes';
import { adminUserRoutes } from './admin/routes';
import { transitionRoutes } from './appraisal/routes';
import { bulletinRoutes } from './bulletin/routes';
import { loadSession } from './accounts/session-middleware';
import { caseRoutes } from './cases/routes';
import { certificateLayoutRoutes } from './certificates/layout-routes';
import { certificatePrintRoutes } from './certificates/print-routes';
import { changesRoutes } from './changes/routes';
import { dashboardRoutes } from './dashboard/routes';
import type { Deps } from './deps';
import { diskFull, isDiskFull } from './disk/space';
import { documentRoutes } from './documents/routes';
import { exportRoutes } from './export/routes';
import { healthRoutes } from './health/routes';
import { noticePublicRoutes } from './notice/public-routes';
import { noticeReviewRoutes } from './notice/review-routes';
import type { AppEnv } from './http/context';
import { ClientAborted } from './http/body';
import { ApiFailure } from './http/errors';
import { originCheck } from './http/origin-check';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security';
import { errorFields } from './log';
import { httpMetrics } from './metrics/http';
import { metricsRoutes } from './metrics/routes';
import { photoRoutes } from './photos/routes';
import { referenceAdminRoutes, referenceRoutes } from './reference/routes';
import { reviewRoutes } from './review/routes';
import { staticApp } from './static/static';
import { subjectRoutes } from './subject/routes';

export function createApp(deps: Deps): Hono<AppEnv> {
  const { config, log } = deps;
  const app = new Hono<AppEnv>();

  app.use('*', httpMetrics(deps.metrics)); // first: it times everything after it
  app.use('*', securityHeaders(config));
  app.use('*', requestLog(log));
  app.use('*', originCheck(config));

  app.onError((err, c) => {
    if (err instanceof ApiFailure) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return c.json(err.body, err.status);
    }
    if (isDiskFull(err)) {
      log.error('data disk full', { method: c.req.method, path: c.req.path, ...errorFields(err) });
      return c.json(diskFull().body, 507);
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

  app.route('/metrics', metricsRoutes(deps)); // bearer token only (METRICS_TOKEN), else 404
  app.route('/api/health', healthRoutes(deps));
  app.use('/api/*', loadSession(deps));
  // Each group's guard (accounts/access.ts), then its routes: every request is checked once.
  app.use('/api/auth/me', signedIn);
  app.route('/api/auth', authRoutes(deps));
  app.use('/api/admin/users/*', adminOnly('Chỉ quản trị viên mới quản lý được tài khoản'));
  app.route('/api/admin/users', adminUserRoutes(deps));
  app.use('/api/admin/reference/*', adminOnly('Chỉ quản trị viên mới sửa được danh mục'));
  app.route('/api/admin/reference', referenceAdminRoutes(deps));
  app.use('/api/reference', signedIn);
  app.route('/api/reference', referenceRoutes(deps));
  app.use('/api/photos/*', signedIn);
  app.route('/api/photos', photoRoutes(deps));
  app.use('/api/cases/:id', signedIn);
  app.route('/api/cases', caseRoutes(deps));
  app.use('/api/cases/:id/transitions', reviewerOnly);
  app.route('/api/cases', transitionRoutes(deps));
  app.use('/api/sync/*', signedIn);
  app.route('/api/sync', changesRoutes(deps));
  app.use('/api/review/*', reviewerOnly);
  app.use('/api/review/cases/:id/subject-access', subjectRightsOnly);
  app.use('/api/review/cases/:id/erasure', subjectRightsOnly);
  app.route('/api/review', subjectRoutes(deps));
  app.route('/api/review/dashboard', dashboardRoutes(deps));
  app.route('/api/review', reviewRoutes(deps));
  app.route('/api/review', exportRoutes(deps));
  // Proposal batches (reviewers, by area: batches/service.ts); their settings: every reviewer reads, admins write.
  app.route('/api/review/batches', batchRoutes(deps));
  app.route('/api/review/batches', noticeReviewRoutes(deps)); // the public notice's board side (notice/)
  app.use(batchApi.settings, reviewerOnly);
  app.on('PUT', batchApi.settings, adminOnly('Chỉ quản trị viên mới sửa được cài đặt khen thưởng'));
  app.route(batchApi.settings, commendationSettingsRoutes(deps));
  // The batch's documents and its dossier ZIP (documents/routes.ts).
  app.route('/api/review/batches', documentRoutes(deps));
  app.use('/api/admin/certificate-layouts/*', adminOnly('Chỉ quản trị viên mới căn chỉnh được vị trí in giấy khen'));
  app.route('/api/admin/certificate-layouts', certificateLayoutRoutes(deps));
  app.route('/api/review/certificates', certificatePrintRoutes(deps));
  app.all('/api/*', (c) => c.json({ error: 'not-found', message: 'Không có đường dẫn API này' } satisfies ApiError, 404));

  app.route('/ban-tin', bulletinRoutes(deps));
  app.route('/cong-khai', noticePublicRoutes(deps));
  app.use('*', staticApp(config.staticDir));
  app.all('*', (c) => c.text('Không tìm thấy', 404));
  return app;
}
