// What the request says about its client, trusting proxy headers only when TRUST_PROXY=1.
import type { Config } from '../config';
import type { AppContext } from './context';

export function isHttps(c: AppContext, config: Config): boolean {
  if (config.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  return c.req.url.startsWith('https:');
}

export function clientIp(c: AppContext, config: Config): string {
  if (config.trustProxy) {
    // The last hop is the one our proxy added; anything before it came from the client and can be forged.
    const hops = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    const last = hops?.[hops.length - 1];
    if (last) return last;
  }
  return c.env?.incoming?.socket.remoteAddress ?? 'unknown';
}
