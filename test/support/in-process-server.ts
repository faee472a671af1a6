// The HTTP app started in the test process, on the database and data folder of a server process: for what a
// child process cannot be handed, such as a fake clock. Same app, same routes, same database.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LoginLimiter } from '../../src/server/accounts/rate-limit';
import { createApp } from '../../src/server/app';
import { BulletinCache } from '../../src/server/bulletin/cache';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/log';
import { Metrics } from '../../src/server/metrics/metrics';
import { PhotoStore } from '../../src/server/photos/store';
import type { ApiBase } from './api-client';
import type { ServerProcess } from './server-process';

export interface InProcessServer extends ApiBase {
  /** A request handed to the app itself, no socket between: its answer's body is read in this event loop. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * `now`: the clock sessions are created, checked and slid by (FakeClock.date); `limiter`: to count its checks;
 * `photos`: a store whose steps the test holds or watches; `log`: where the server's log lines go.
 */
export async function startInProcess(
  server: ServerProcess,
  o: { env?: Record<string, string>; now?: () => Date; limiter?: LoginLimiter; photos?: PhotoStore; log?: (line: string) => void } = {},
): Promise<InProcessServer> {
  // Listening first: PUBLIC_URL names the port it got.
  let app: ReturnType<typeof createApp> | undefined;
  const http = serve({ fetch: (req, env) => app!.fetch(req, env), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (http.listening ? resolve() : http.once('listening', () => resolve())));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const config = loadConfig({ DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl ?? '', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: url, ...o.env });
  app = createApp({
    config, db: server.db(), log: createLogger(o.log ?? (() => {})), photos: o.photos ?? new PhotoStore(join(server.dataDir, 'photos')),
    limiter: o.limiter ?? new LoginLimiter(config.login), bulletin: new BulletinCache(), metrics: new Metrics(config), ...(o.now ? { now: o.now } : {}),
  });
  return {
    url,
    fetch: async (path, init) => app!.fetch(new Request(url + path, init)),
    close: () => new Promise<void>((resolve) => {
      if ('closeAllConnections' in http) http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}
