// Serves dist/ like production (files, then index.html for app routes), and can pretend a new version was
// deployed: setSwVersion('v2') makes /sw.js differ by one comment, which is all a browser needs to install it.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DIST } from './dist-files';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface UpdatableServer {
  url: string;
  /** Appends `// <version>` to /sw.js from now on ('' restores the built file). */
  setSwVersion(version: string): void;
  close(): Promise<void>;
}

export async function serveUpdatableDist(): Promise<UpdatableServer> {
  if (!existsSync(`${DIST}index.html`)) throw new Error('dist/ is missing: run `npm run build` first');
  let version = '';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(DIST + path.replace(/^\/+/, ''));
    if (!file.startsWith(normalize(DIST))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file += `${sep}index.html`;
    if (!existsSync(file)) {
      // App routes get the shell; a missing asset or an API call gets a real 404.
      if (extname(path) !== '' || path.startsWith('/api/')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = `${DIST}index.html`;
    }
    let body: Buffer | string = readFileSync(file);
    if (path === '/sw.js' && version) body = `${body.toString('utf8')}\n// ${version}\n`;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setSwVersion: (v) => {
      version = v;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
