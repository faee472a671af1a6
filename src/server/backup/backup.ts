// `npm run backup -- --to DIR`: the database snapshot first, then every photo that snapshot names (a photo
// uploaded after it may be copied or not; none is required), then the manifest, then the rename that marks the
// backup complete. Photos new since the previous backup in DIR are copied, the others hard-linked to it.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { fsyncPath } from '../private-files';
import { backUpPhoto, hashFile } from './photos';
import { snapshotPostgres, snapshotSqlite, type SnapshotFacts } from './snapshot';
import { backupName, databaseFile, latestBackup, MANIFEST, PARTIAL_PREFIX, photoPath, type Manifest, type PhotoEntry } from './layout';

/** Photos copied at once: enough to keep the disk busy, few enough to leave the server its share. */
const PARALLEL = 4;

export interface BackupResult { folder: string; manifest: Manifest }

export async function runBackup(config: Pick<Config, 'dataDir' | 'databaseUrl'>, db: Db | undefined, toDir: string, now = () => new Date()): Promise<BackupResult> {
  const started = now();
  const t0 = performance.now();
  await mkdir(toDir, { recursive: true, mode: 0o700 });
  const previous = await latestBackup(toDir);
  const partial = join(toDir, `${PARTIAL_PREFIX}${backupName(started)}-${randomBytes(4).toString('hex')}`);
  await mkdir(partial, { mode: 0o700 });
  try {
    const kind = config.databaseUrl ? 'postgres' : 'sqlite';
    const dbFile = join(partial, databaseFile(kind));
    let facts: SnapshotFacts;
    if (config.databaseUrl) {
      if (!db) throw new Error('a PostgreSQL backup needs a connection');
      facts = await snapshotPostgres(db, config.databaseUrl, dbFile);
    } else {
      facts = await snapshotSqlite(config.dataDir, dbFile);
    }
    await fsyncPath(dbFile);

    const prev = previous && { dir: join(previous.folder, 'photos'), has: new Map(previous.manifest.photos.map((p) => [p.sha256, p])) };
    const photosDir = join(config.dataDir, 'photos');
    const target = join(partial, 'photos');
    const photos: PhotoEntry[] = [];
    const skipped: string[] = [];
    const damaged: string[] = [];
    let copied = 0, linked = 0, bytesWritten = 0;
    const queue = [...facts.all].sort();
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const sha = queue[next++]!;
        const r = await backUpPhoto(sha, photosDir, target, prev);
        if (r && r.entry.sha256 !== sha) {
          // Bytes that are not what their name says: not backed up as if they were.
          await rm(photoPath(target, sha), { force: true });
          damaged.push(sha);
          continue;
        }
        if (!r) {
          (facts.required.has(sha) ? damaged : skipped).push(sha);
          continue;
        }
        photos.push(r.entry);
        if (r.bytesWritten) copied++; else linked++;
        bytesWritten += r.bytesWritten;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    photos.sort((a, b) => a.sha256.localeCompare(b.sha256));

    const dbHash = await hashFile(dbFile);
    const manifest: Manifest = {
      format: 1, createdAt: started.toISOString(), database: kind, databaseFile: databaseFile(kind),
      databaseSha256: dbHash.sha256, counts: facts.counts, lastEventSeq: facts.lastEventSeq,
      photos, skipped: skipped.sort(), damaged: damaged.sort(),
      stats: { photosCopied: copied, photosLinked: linked, bytesWritten: bytesWritten + dbHash.bytes, ms: Math.round(performance.now() - t0) },
    };
    await writeFile(join(partial, MANIFEST), JSON.stringify(manifest, null, 1), { mode: 0o600 });
    await fsyncPath(join(partial, MANIFEST));
    const folder = join(toDir, backupName(started));
    await rename(partial, folder);
    await fsyncPath(toDir);
    return { folder, manifest };
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}
