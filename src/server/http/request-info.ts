// What the request says about its client, trusting a proxy header only when TRUST_PROXY=1. Whether the app is
// served over https, and under which name, is PUBLIC_URL's to say (config.ts), never the request's.
import type { Config } from '../config';
import type { AppContext } from './context';

export function clientIp(c: AppContext, config: Config): string {
  if (config.trustProxy) {
    // The last hop is the one our proxy added; anything before it came from the client and can be forged.
    const hops = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    const last = hops?.[hops.length - 1];
    if (last) return last;
  }
  return c.env?.incoming?.socket.remoteAddress ?? 'unknown';
}
