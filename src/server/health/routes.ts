// GET /api/health (no sign-in): 200 with the database kind when the database answers, else 503.
import { Hono } from 'hono';
import { dialectOf, ping } from '../db/connect';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/context';
import { errorFields } from '../log';

export function healthRoutes({ db, log }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    try {
      await ping(db);
    } catch (err) {
      log.error('health check: database unreachable', errorFields(err));
      return c.json({ ok: false, db: dialectOf(db) }, 503);
    }
    return c.json({ ok: true, db: dialectOf(db) });
  });
  return app;
}
