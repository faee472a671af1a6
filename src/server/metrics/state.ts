// Gauges read at each scrape rather than kept up to date: the data disk's space (disk/space.ts) and the newest
// complete backup in BACKUP_DIR (backup/layout.ts), whoever made it (the schedule or `npm run backup`), so its
// age survives a restart. A backup's manifest is read once, when a newer folder appears. A gauge with nothing to
// say (no backup yet, a disk that cannot be read) is absent, not 0: the README's alerts use absent() for that.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Gauge, type Registry } from 'prom-client';
import { BACKUP_PREFIX, readManifest } from '../backup/layout';
import { diskSpace, type DiskSpace } from '../disk/space';
import type { MetricsOptions } from './metrics';

interface BackupSeen { createdAtMs: number; damaged: number }

/** One read shared by the gauges of one scrape (their collect() calls start in the same tick). */
function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read().finally(() => { pending = undefined; }));
}

/** The newest complete backup in `dir` whose manifest reads; folders already read are remembered by name. */
function newestBackup(dir: string): () => Promise<BackupSeen | undefined> {
  const seen = new Map<string, BackupSeen | null>();
  return async () => {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.startsWith(BACKUP_PREFIX)).sort().reverse();
    } catch {
      return undefined;
    }
    for (const key of seen.keys()) if (!names.includes(key)) seen.delete(key);
    for (const name of names) {
      if (!seen.has(name)) {
        const m = await readManifest(join(dir, name));
        const createdAtMs = m ? Date.parse(m.createdAt) : NaN;
        seen.set(name, Number.isNaN(createdAtMs) ? null : { createdAtMs, damaged: m!.damaged.length });
      }
      const backup = seen.get(name);
      if (backup) return backup;
    }
    return undefined;
  };
}

type Value<T> = (from: T) => number;

/** A gauge set from `read()` at each scrape, absent while it yields undefined. */
function gaugeOf<T>(registry: Registry, name: string, help: string, read: () => Promise<T | undefined>, value: Value<T>): void {
  new Gauge({
    name, help, registers: [registry],
    async collect() {
      const v = await read();
      if (v === undefined) this.remove();
      else this.set(value(v));
    },
  });
}

export function stateGauges(registry: Registry, { dataDir, diskReserve, backupDir }: MetricsOptions): void {
  const disk = sharedRead(() => diskSpace(dataDir, diskReserve));
  const diskGauge = (name: string, help: string, value: Value<DiskSpace>) => gaugeOf(registry, name, help, disk, value);
  diskGauge('gs_data_disk_free_bytes', 'Free bytes on the data disk (DATA_DIR) that the server may use', (d) => d.freeBytes);
  diskGauge('gs_data_disk_size_bytes', 'Size of the data disk (DATA_DIR) in bytes', (d) => d.totalBytes);
  diskGauge('gs_data_disk_reserve_bytes', 'Free bytes the server keeps (DISK_RESERVE): below it, uploads get 507 disk-full', (d) => d.reserveBytes);
  if (!backupDir) return;

  const backup = sharedRead(newestBackup(backupDir));
  const backupGauge = (name: string, help: string, value: Value<BackupSeen>) => gaugeOf(registry, name, help, backup, value);
  backupGauge('gs_backup_last_success_timestamp_seconds', 'When the newest complete backup in BACKUP_DIR took its snapshot (Unix time); absent while there is none', (b) => b.createdAtMs / 1000);
  backupGauge('gs_backup_age_seconds', 'Seconds since the newest complete backup in BACKUP_DIR took its snapshot; absent while there is none', (b) => (Date.now() - b.createdAtMs) / 1000);
  backupGauge('gs_backup_damaged_photos', 'Photos the newest backup found missing or damaged in DATA_DIR (its manifest\'s damaged list)', (b) => b.damaged);
}
