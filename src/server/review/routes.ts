// /api/review: the reviewer's list and case page (reporters get 403).
import { Hono } from 'hono';
import { ReviewQuerySchema } from '../../shared/review-schemas';
import { isCaseId } from '../../shared/sync-protocol';
import { requireUser } from '../accounts/session-middleware';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/context';
import { badRequest } from '../http/errors';
import { parseOr422 } from '../http/validation';
import { reviewCase, reviewRevision } from './detail';
import { listReviewCases } from './list';
import { requireReviewer } from './scope';

function checkId(id: string): string {
  if (!isCaseId(id)) throw badRequest('Mã hồ sơ phải là một UUID', [{ path: 'id', message: 'Mã hồ sơ không hợp lệ' }]);
  return id;
}

export function reviewRoutes({ db }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/cases', async (c) => {
    const user = requireReviewer(requireUser(c));
    // A filter form sends its empty fields as "name=": those mean "any".
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ''));
    return c.json(await listReviewCases(db, user, parseOr422(ReviewQuerySchema, query)));
  });
  app.get('/cases/:id', async (c) => {
    const user = requireReviewer(requireUser(c));
    return c.json(await reviewCase(db, user, checkId(c.req.param('id'))));
  });
  app.get('/cases/:id/revisions/:n', async (c) => {
    const user = requireReviewer(requireUser(c));
    const n = c.req.param('n');
    if (!/^[1-9]\d{0,8}$/.test(n)) throw badRequest('Số phiên bản không hợp lệ', [{ path: 'revision', message: 'Cần một số nguyên dương' }]);
    return c.json(await reviewRevision(db, user, checkId(c.req.param('id')), Number(n)));
  });
  return app;
}
