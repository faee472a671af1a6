// The server process: config from the environment, database migrated, photos folder ready, then HTTP.
// SIGTERM/SIGINT: stop accepting, let requests in flight finish (SHUTDOWN_GRACE_MS), close the database (shutdown.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
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
import { queryLog } from './metrics/db';
import { Metrics } from './metrics/metrics';
import { PhotoStore } from './photos/store';
import { sweepPhotos } from './photos/sweep';
import { gracefulStop, InFlight } from './shutdown';

const log = createLogger();

async function main(): Promise<void> {
  const config = loadConfig();
  const backupSchedule = backupScheduleFromEnv();
  const metrics = new Metrics({ ...config, backupDir: backupSchedule?.dir, processMetrics: true });
  const db = openDatabase(config, queryLog(metrics));
  const applied = await migrateToLatest(db);
  const photos = new PhotoStore(join(config.dataDir, 'photos'));
  const expiredUploads = await photos.init();
  if (!existsSync(join(config.staticDir, 'index.html'))) {
    log.warn('static dir has no index.html: run `npm run build`', { staticDir: config.staticDir });
  }

  const app = createApp({ config, db, log, photos, limiter: new LoginLimiter(config.login), bulletin: new BulletinCache(), metrics });
  const inFlight = new InFlight();
  const server = serve({ fetch: (req, env) => inFlight.track(app.fetch(req, env)), port: config.port, hostname: config.host });
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
      port, db: dialectOf(db), dataDir: config.dataDir, migrations: applied, expiredUploads,
    });
  });
  server.on('error', (err) => {
    log.error('http server error', errorFields(err));
    process.exit(1);
  });

  const sweep = setInterval(() => {
    deleteExpiredSessions(db).catch((err) => log.warn('session sweep failed', errorFields(err)));
    deleteStaleAttempts(db, config.login.windowMs).catch((err) => log.warn('login attempts sweep failed', errorFields(err)));
    photos.partials.expire().then(
      (n) => { if (n > 0) log.info('unfinished photo uploads expired', { removed: n }); },
      (err) => log.warn('unfinished uploads sweep failed', errorFields(err)),
    );
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
  const backups = backupSchedule ? scheduleBackups(backupSchedule, config, db, log) : undefined;

  const stop = gracefulStop({
    server: server as Server, inFlight, graceMs: config.shutdownGraceMs, log,
    close: () => db.destroy(),
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    clearTimeout(firstPhotoSweep);
    clearInterval(photoSweep);
    backups?.stop();
    stop(signal).then((code) => process.exit(code), (err) => {
      log.error('stop failed', errorFields(err));
      process.exit(1);
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
