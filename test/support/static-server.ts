// Serves the built app (dist/) the way production does: files, then index.html for app routes.
import { preview, type PreviewServer } from 'vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIST } from './dist-files';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Served { url: string; close(): Promise<void> }

export async function serveDist(): Promise<Served> {
  if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/ is missing: run `npm run build` first');
  const server: PreviewServer = await preview({
    root: ROOT,
    build: { outDir: DIST },
    logLevel: 'silent',
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('preview server did not report its address');
  return { url, close: () => server.close() };
}
