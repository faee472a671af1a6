// GET /api/review/dashboard?from=yyyy-mm-dd&to=yyyy-mm-dd[&commune=…]: reviewers and admins, in their area.
import type { Handler } from 'hono';
import { requireUser } from '../accounts/session-middleware';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/context';
import { parseQueryOr422 } from '../http/validation';
import { requireReviewer } from '../review/scope';
import { DashboardQuerySchema } from './query';
import { dashboardReport } from './report';

export function dashboardRoute({ db }: Deps): Handler<AppEnv> {
  return async (c) => {
    const user = requireReviewer(requireUser(c));
    // A form sends its empty fields as "name=": those mean "not given".
    return c.json(await dashboardReport(db, user, parseQueryOr422(DashboardQuerySchema, c.req.query())));
  };
}
