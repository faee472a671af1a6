// GET /metrics (Prometheus text format), never public: only when METRICS_TOKEN is set and the request carries
// `Authorization: Bearer <token>`; otherwise the same 404 as any unknown page, so nothing advertises it.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/context';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
// Digests of equal length, so the comparison takes the same time whatever was sent.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function metricsRoutes({ config, metrics }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const expected = config.metricsToken ? digest(config.metricsToken) : undefined;
  app.get('/', async (c) => {
    const sent = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (!expected || !sent || !timingSafeEqual(digest(sent), expected)) return c.text('Không tìm thấy', 404);
    const { body, contentType } = await metrics.text();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}
