// GET /api/review/dashboard?from=yyyy-mm-dd&to=yyyy-mm-dd[&commune=…]: reviewers and admins (app.ts), in their area.
import { Hono } from 'hono';
import type { Deps } from '../deps';
import type { SignedInEnv } from '../http/context';
import { parseQueryOr422 } from '../http/validation';
import { DashboardQuerySchema } from './query';
import { dashboardReport } from './report';

export function dashboardRoutes({ db }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  // A form sends its empty fields as "name=": those mean "not given".
  app.get('/', async (c) => c.json(await dashboardReport(db, c.var.user, parseQueryOr422(DashboardQuerySchema, c.req.query()))));
  return app;
}
