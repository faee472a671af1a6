// What the routes are given, built once in main.ts.
import type { Config } from './config';
import type { Db } from './db/connect';
import type { Logger } from './log';
import type { LoginLimiter } from './accounts/rate-limit';
import type { BulletinCache } from './bulletin/cache';
import type { Metrics } from './metrics/metrics';
import type { PhotoStore } from './photos/store';

export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  photos: PhotoStore;
  limiter: LoginLimiter;
  bulletin: BulletinCache;
  /** What the server counts, read at /metrics (metrics/). */
  metrics: Metrics;
  /** The time sessions are created, checked and slid at: the system's, unless a test passes a fake clock. */
  now?: () => Date;
}

/** The current time by deps' clock (a test's fake one, else the system's). */
export const timeOf = ({ now }: Pick<Deps, 'now'>): Date => now?.() ?? new Date();
