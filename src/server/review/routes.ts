// /api/review/cases: the reviewer's list and case page (reviewers only: app.ts guards /api/review).
import { Hono } from 'hono';
import { ReviewQuerySchema } from '../../shared/review-schemas';
import type { Deps } from '../deps';
import type { SignedInEnv } from '../http/context';
import { badRequest } from '../http/errors';
import { caseIdParam, parseQueryOr422 } from '../http/validation';
import { reviewCase, reviewRevision } from './detail';
import { listReviewCases } from './list';

export function reviewRoutes({ db }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.get('/cases', async (c) => {
    return c.json(await listReviewCases(db, c.var.user, parseQueryOr422(ReviewQuerySchema, c.req.query())));
  });
  app.get('/cases/:id', async (c) => {
    return c.json(await reviewCase(db, c.var.user, caseIdParam(c.req.param('id'))));
  });
  app.get('/cases/:id/revisions/:n', async (c) => {
    const n = c.req.param('n');
    if (!/^[1-9]\d{0,8}$/.test(n)) throw badRequest('Số phiên bản không hợp lệ', [{ path: 'revision', message: 'Cần một số nguyên dương' }]);
    return c.json(await reviewRevision(db, c.var.user, caseIdParam(c.req.param('id')), Number(n)));
  });
  return app;
}
