// Scheduled backups inside the server: BACKUP_DIR (unset: none), BACKUP_EVERY (24h), keeping the newest backup
// of each of the last BACKUP_KEEP_DAILY days (7) and of each of the last BACKUP_KEEP_WEEKLY weeks (4). Each run is
// logged with its size; a run never starts while the previous one is still going. Removing an old backup frees
// only the photos no newer one links to.
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, parseDuration, type Config } from '../config';
import type { Db } from '../db/connect';
import { errorFields, type Logger } from '../log';
import { runBackup } from './backup';
import { BACKUP_PREFIX } from './layout';

export interface BackupSchedule { dir: string; everyMs: number; keepDaily: number; keepWeekly: number }

export function backupScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): BackupSchedule | undefined {
  const dir = env.BACKUP_DIR?.trim();
  if (!dir) return undefined;
  const count = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    const n = raw ? Number(raw) : fallback;
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new ConfigError(`${name}: cần một số nguyên từ 1 đến 1000 (nhận được "${raw}")`);
    return n;
  };
  return {
    dir: resolve(dir), everyMs: parseDuration('BACKUP_EVERY', env.BACKUP_EVERY || '24h'),
    keepDaily: count('BACKUP_KEEP_DAILY', 7), keepWeekly: count('BACKUP_KEEP_WEEKLY', 4),
  };
}

/** gs-backup-2026-12-05T14-30-00-123Z → its time. */
const timeOfName = (name: string): number => Date.parse(name.slice(BACKUP_PREFIX.length).replace(/T(\d\d)-(\d\d)-(\d\d)-(\d+)Z$/, 'T$1:$2:$3.$4Z'));

/** Monday 00:00 UTC of the week `t` falls in. */
const weekOf = (t: number): number => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
};

/** The backups to remove: all but the newest of each of the last keepDaily days and keepWeekly weeks (UTC). */
export function backupsToPrune(names: readonly string[], keepDaily: number, keepWeekly: number): string[] {
  const backups = names.filter((n) => n.startsWith(BACKUP_PREFIX) && !Number.isNaN(timeOfName(n))).sort().reverse();
  const keep = new Set<string>();
  const newestPer = (period: (t: number) => number, limit: number) => {
    const seen = new Set<number>();
    for (const name of backups) {
      const p = period(timeOfName(name));
      if (seen.has(p)) continue;
      if (seen.size === limit) break;
      seen.add(p);
      keep.add(name);
    }
  };
  newestPer((t) => Math.floor(t / 86_400_000), keepDaily);
  newestPer(weekOf, keepWeekly);
  return backups.filter((n) => !keep.has(n));
}

export interface BackupRunner { run(): Promise<void>; stop(): void }

/** Starts the schedule (the first run one period after start); run() is also what the timer calls. */
export function scheduleBackups(schedule: BackupSchedule, config: Pick<Config, 'dataDir' | 'databaseUrl'>, db: Db, log: Logger): BackupRunner {
  let running: Promise<void> | undefined;
  const once = async () => {
    try {
      const { folder, manifest: m } = await runBackup(config, config.databaseUrl ? db : undefined, schedule.dir);
      log.info('backup done', { folder, cases: m.counts.cases, photos: m.photos.length, photosCopied: m.stats.photosCopied, bytesWritten: m.stats.bytesWritten, ms: m.stats.ms, damaged: m.damaged.length });
      const names = await readdir(schedule.dir);
      const prune = backupsToPrune(names, schedule.keepDaily, schedule.keepWeekly);
      for (const name of prune) await rm(join(schedule.dir, name), { recursive: true, force: true });
      if (prune.length) log.info('backups removed', { removed: prune });
    } catch (err) {
      log.error('backup failed', errorFields(err));
    }
  };
  const run = (): Promise<void> => {
    if (running) {
      log.warn('backup still running: this run skipped');
      return running;
    }
    running = once().finally(() => { running = undefined; });
    return running;
  };
  const timer = setInterval(() => void run(), schedule.everyMs);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
