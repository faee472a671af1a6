// GET /api/review/dashboard?from=yyyy-mm-dd&to=yyyy-mm-dd[&commune=…]: reviewers and admins, in their area.
import type { Handler } from 'hono';
import { requireUser } from '../accounts/session-middleware';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/context';
import { parseOr422 } from '../http/validation';
import { requireReviewer } from '../review/scope';
import { DashboardQuerySchema } from './query';
import { dashboardReport } from './report';

export function dashboardRoute({ db }: Deps): Handler<AppEnv> {
  return async (c) => {
    const user = requireReviewer(requireUser(c));
    // A form sends its empty fields as "name=": those mean "not given".
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ''));
    return c.json(await dashboardReport(db, user, parseOr422(DashboardQuerySchema, query)));
  };
}
