// What the routes are given, built once in main.ts.
import type { Config } from './config';
import type { Db } from './db/connect';
import type { Logger } from './log';
import type { LoginLimiter } from './accounts/rate-limit';
import type { PhotoStore } from './photos/store';

export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  photos: PhotoStore;
  limiter: LoginLimiter;
}
