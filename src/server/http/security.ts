// Response headers on every answer, API and app alike. The CSP allows no inline script or style: the built app
// has none (checked in a browser), and a reviewer's screen showing citizens' text must not run any.
import type { MiddlewareHandler } from 'hono';
import { servesHttps, type Config } from '../config';
import type { AppEnv } from './context';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' blob: data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The app keeps no location (a citizen's house must not leak), and never needs the microphone.
  'Permissions-Policy': 'geolocation=(), microphone=(), camera=(self)',
};

export function securityHeaders(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // Defaults: a route that set one of these itself (the bulletin's photos open themselves to other sites) keeps it.
    for (const [name, value] of Object.entries(HEADERS)) if (!c.res.headers.has(name)) c.header(name, value);
    // API answers hold personal data: no cache keeps them (a shared office PC, a proxy), unless a route says so.
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    if (servesHttps(config)) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
