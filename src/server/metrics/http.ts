// Every request observed once: its method, the route pattern that answered it and its status class. The route is
// the pattern Hono matched for the handler that produced the answer ('/api/cases/:id', a guard's '/api/review/*',
// the static files' '*'), never the URL, so no id or hash becomes a label. Duration: until the answer's headers
// (a streamed export's body may take longer).
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/context';
import type { Metrics } from './metrics';

const STATUS_CLASSES = ['1xx', '1xx', '2xx', '3xx', '4xx', '5xx'];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function httpMetrics({ http }: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next(); // errors become answers in app.onError, inside next()
    http.observe({
      method: METHODS.has(c.req.method) ? c.req.method : 'OTHER',
      route: routePath(c) || 'unmatched',
      status: STATUS_CLASSES[Math.floor(c.res.status / 100)] ?? '5xx',
    }, (performance.now() - start) / 1000);
  };
}
