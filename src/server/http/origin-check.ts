// Cross-site request refusal: a page on another site must not make a signed-in browser change anything here
// (the SameSite=Strict cookie is the first wall; this is the second, and holds for a sibling subdomain too).
// A state-changing request whose Origin is not PUBLIC_URL's, or that the browser marks as coming from another
// site, gets a 403. Requests without either header (the CLI, curl, old clients) are not a browser's on another
// site's behalf, and pass. In development without PUBLIC_URL, the request's own address counts as the app's:
// a page elsewhere still sends its own Origin, which is not the Host it sends to.
import type { MiddlewareHandler } from 'hono';
import type { ApiError } from '../../shared/sync-protocol';
import type { Config } from '../config';
import type { AppEnv } from './context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sec-Fetch-Site values a request from the app itself carries ("none": typed or bookmarked by the user). */
const OWN_SITE = new Set(['same-origin', 'none']);

export function originCheck(config: Pick<Config, 'publicUrl' | 'publicUrlDefaulted'>): MiddlewareHandler<AppEnv> {
  const ownOrigin = (origin: string, host: string | undefined) =>
    origin === config.publicUrl || (config.publicUrlDefaulted && host !== undefined && origin === `http://${host}`);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if ((origin !== undefined && !ownOrigin(origin, c.req.header('host'))) || (site !== undefined && !OWN_SITE.has(site))) {
      const body: ApiError = { error: 'forbidden', message: 'Yêu cầu đến từ một trang khác, không phải từ ứng dụng Gương Sáng: máy chủ từ chối' };
      return c.json(body, 403);
    }
    return next();
  };
}
