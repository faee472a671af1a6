// The server process: config from the environment, database migrated, photos folder ready, then HTTP.
// SIGTERM/SIGINT: stop accepting, let requests in flight finish (10 s at most), close the database.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { LoginLimiter, deleteStaleAttempts } from './accounts/rate-limit';
import { deleteExpiredSessions } from './accounts/sessions';
import { createApp } from './app';
import { backupScheduleFromEnv, scheduleBackups } from './backup/schedule';
import { BulletinCache } from './bulletin/cache';
import { ConfigError, loadConfig } from './config';
import { dialectOf, openDatabase } from './db/connect';
import { migrateToLatest } from './db/migrations';
import { createLogger, errorFields } from './log';
import { PhotoStore } from './photos/store';
import { sweepPhotos } from './photos/sweep';

const log = createLogger();

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config);
  const applied = await migrateToLatest(db);
  const photos = new PhotoStore(join(config.dataDir, 'photos'));
  const leftovers = await photos.init();
  if (!existsSync(join(config.staticDir, 'index.html'))) {
    log.warn('static dir has no index.html: run `npm run build`', { staticDir: config.staticDir });
  }

  const app = createApp({ config, db, log, photos, limiter: new LoginLimiter(config.login), bulletin: new BulletinCache() });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  if ('keepAliveTimeout' in server) {
    // Longer than clients' idle timeouts (browsers ~60 s, undici 4 s), so a client never sends on a connection
    // the server is closing at that moment. Shutdown closes idle connections at once anyway.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    log.info('listening', {
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`, publicUrl: config.publicUrl,
      port, db: dialectOf(db), dataDir: config.dataDir, migrations: applied, tempFilesRemoved: leftovers,
    });
  });
  server.on('error', (err) => {
    log.error('http server error', errorFields(err));
    process.exit(1);
  });

  const sweep = setInterval(() => {
    deleteExpiredSessions(db).catch((err) => log.warn('session sweep failed', errorFields(err)));
    deleteStaleAttempts(db, config.login.windowMs).catch((err) => log.warn('login attempts sweep failed', errorFields(err)));
  }, 3_600_000);
  sweep.unref();
  // Daily, the first a few minutes after start (not during it: a restart is often a busy moment).
  const runPhotoSweep = () => {
    sweepPhotos({ db, photos, log }, config.photoSweepDays).catch((err) => log.warn('photo sweep failed', errorFields(err)));
  };
  const firstPhotoSweep = setTimeout(runPhotoSweep, 10 * 60_000);
  const photoSweep = setInterval(runPhotoSweep, 86_400_000);
  firstPhotoSweep.unref();
  photoSweep.unref();
  const backupSchedule = backupScheduleFromEnv();
  if (backupSchedule) scheduleBackups(backupSchedule, config, db, log);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    clearInterval(sweep);
    clearTimeout(firstPhotoSweep);
    clearInterval(photoSweep);
    const force = setTimeout(() => {
      log.warn('requests still running after 10 s, closing anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    server.close(async () => {
      await db.destroy().catch((err) => log.warn('database close failed', errorFields(err)));
      log.info('stopped', { signal });
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

process.on('unhandledRejection', (err) => log.error('unhandled rejection', errorFields(err)));

main().catch((err) => {
  if (err instanceof ConfigError) log.error('bad configuration', { message: err.message });
  else log.error('start failed', errorFields(err));
  process.exit(1);
});
