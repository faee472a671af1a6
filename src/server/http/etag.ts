// Conditional GETs: every answer with an ETag compares If-None-Match here.
import type { Context } from 'hono';

/** If-None-Match names this entity tag (or "*"); weak and strong forms compare alike (RFC 9110, 13.1.2). */
export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === etag);
}
