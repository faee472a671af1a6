// The built app (STATIC_DIR): files, then index.html for app routes (SPA fallback), and the previous releases'
// hashed files a build retained (retain.ts). Hashed /assets/* are
// immutable for a year; everything else is revalidated (ETag), so sw.js, index.html and the manifest are never
// stale. Small text files are kept in memory, text compressed once (brotli or gzip).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/context';
import { notModified } from '../http/etag';
import { previousAssetsDir } from './retain';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.map']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface Cached { mtimeMs: number; size: number; body: Buffer; etag: string; br?: Buffer; gzip?: Buffer }

/** Path segments, or null for anything that tries to leave the folder (.., encoded slashes, NUL, backslash). */
function safeSegments(rawPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/').filter(Boolean)) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (s === '.' || s === '..' || /[/\\\0]/.test(s)) return null;
    segments.push(s);
  }
  return segments;
}

export function staticApp(root: string): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, Cached>();
  const previous = previousAssetsDir(root);

  // The built app is small (about 1 MB): every file it serves is kept in memory, checked against its mtime.
  async function load(file: string): Promise<Cached | null> {
    let info;
    try {
      info = await stat(file);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const body = await readFile(file);
    const entry: Cached = {
      mtimeMs: info.mtimeMs, size: info.size, body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
    if (COMPRESSIBLE.has(extname(file)) && body.length > 1024) {
      entry.br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 10 } });
      entry.gzip = gzipSync(body, { level: 9 });
    }
    cache.set(file, entry);
    return entry;
  }

  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const segments = safeSegments(new URL(c.req.url).pathname);
    if (!segments) return c.text('Không tìm thấy', 404);

    let file = join(root, ...segments);
    if (!file.startsWith(root + sep) && file !== root) return c.text('Không tìm thấy', 404);
    let entry = segments.length > 0 ? await load(file) : null;
    // An old release's file, for a tab opened before the last deploy (retain.ts).
    if (!entry && segments.length === 2 && segments[0] === 'assets') {
      file = join(previous, segments[1]!);
      entry = await load(file);
    }
    // App routes have no extension: they get the shell. A missing asset is a real 404, never HTML.
    if (!entry && !extname(segments.at(-1) ?? '')) {
      file = join(root, 'index.html');
      entry = await load(file);
    }
    if (!entry) return c.text('Không tìm thấy', 404);

    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cacheControl = segments[0] === 'assets' && file !== join(root, 'index.html') ? IMMUTABLE : REVALIDATE;
    c.header('Cache-Control', cacheControl);
    c.header('ETag', entry.etag);
    if (entry.gzip) c.header('Vary', 'Accept-Encoding');
    if (notModified(c, entry.etag)) return c.body(null, 304);

    const accept = c.req.header('accept-encoding') ?? '';
    let body = entry.body;
    if (entry.br && /\bbr\b/.test(accept)) { body = entry.br; c.header('Content-Encoding', 'br'); }
    else if (entry.gzip && /\bgzip\b/.test(accept)) { body = entry.gzip; c.header('Content-Encoding', 'gzip'); }
    c.header('Content-Type', type);
    c.header('Content-Length', String(body.length));
    return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, 200);
  };
}
