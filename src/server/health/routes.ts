// GET /api/health (no sign-in), for a monitor: 200 {status: 'ok'} when the database answers and the data disk
// has more free than its reserve (DISK_RESERVE); else 503 with status 'db-down' or 'disk-low', so a plain HTTP
// check alerts on either. The disk figures say how bad it is.
import { Hono } from 'hono';
import { dialectOf, ping } from '../db/connect';
import type { Deps } from '../deps';
import { diskSpace } from '../disk/space';
import type { AppEnv } from '../http/context';
import { errorFields } from '../log';

export type HealthStatus = 'ok' | 'db-down' | 'disk-low';

export function healthRoutes({ db, log, config }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const disk = await diskSpace(config.dataDir, config.diskReserve);
    let status: HealthStatus = disk?.low ? 'disk-low' : 'ok';
    try {
      await ping(db);
    } catch (err) {
      log.error('health check: database unreachable', errorFields(err));
      status = 'db-down';
    }
    if (status === 'disk-low') log.warn('health check: data disk low', { ...disk });
    return c.json({ ok: status === 'ok', status, db: dialectOf(db), ...(disk ? { disk } : {}) }, status === 'ok' ? 200 : 503);
  });
  return app;
}
