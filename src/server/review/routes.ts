// /api/review: the reviewer's list and case page (reporters get 403).
import { Hono } from 'hono';
import { ReviewQuerySchema } from '../../shared/review-schemas';
import { requireUser } from '../accounts/session-middleware';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/context';
import { badRequest } from '../http/errors';
import { caseIdParam, parseQueryOr422 } from '../http/validation';
import { reviewCase, reviewRevision } from './detail';
import { listReviewCases } from './list';
import { requireReviewer } from './scope';

export function reviewRoutes({ db }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/cases', async (c) => {
    const user = requireReviewer(requireUser(c));
    return c.json(await listReviewCases(db, user, parseQueryOr422(ReviewQuerySchema, c.req.query())));
  });
  app.get('/cases/:id', async (c) => {
    const user = requireReviewer(requireUser(c));
    return c.json(await reviewCase(db, user, caseIdParam(c.req.param('id'))));
  });
  app.get('/cases/:id/revisions/:n', async (c) => {
    const user = requireReviewer(requireUser(c));
    const n = c.req.param('n');
    if (!/^[1-9]\d{0,8}$/.test(n)) throw badRequest('Số phiên bản không hợp lệ', [{ path: 'revision', message: 'Cần một số nguyên dương' }]);
    return c.json(await reviewRevision(db, user, caseIdParam(c.req.param('id')), Number(n)));
  });
  return app;
}
