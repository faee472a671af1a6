// What a backup folder holds, and where: DIR/gs-backup-<UTC time>/ with manifest.json, the database (db.sqlite,
// or db.pgdump in pg_dump's custom format) and photos/ab/cd/<sha256>.jpg as in DATA_DIR. A backup is made under a
// ".partial-" name and renamed when its manifest is written: a folder without that prefix is complete.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DialectName } from '../db/connect';

export const MANIFEST = 'manifest.json';
export const BACKUP_PREFIX = 'gs-backup-';
export const PARTIAL_PREFIX = '.partial-';
export const databaseFile = (kind: DialectName): string => (kind === 'sqlite' ? 'db.sqlite' : 'db.pgdump');

export interface PhotoEntry { sha256: string; bytes: number }

export interface Manifest {
  format: 1;
  createdAt: string;
  database: DialectName;
  databaseFile: string;
  databaseSha256: string;
  /** Rows of every table in the snapshot. */
  counts: Record<string, number>;
  /** The snapshot's last case_events seq (the changes feed's cursor): restore starts new events well past it. */
  lastEventSeq: number;
  /** Every photo the snapshot names, copied and hashed. */
  photos: PhotoEntry[];
  /** Named by no case and gone from DATA_DIR when copied (swept after the snapshot): not needed. */
  skipped: string[];
  /** Named by a case but missing or damaged in DATA_DIR: the backup is complete yet the data was not. */
  damaged: string[];
  stats: { photosCopied: number; photosLinked: number; bytesWritten: number; ms: number };
}

/** ab/cd/<sha256>.jpg, as the photo store lays them out (photos/store.ts). */
export const photoPath = (root: string, sha256: string): string => join(root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.jpg`);

export async function readManifest(folder: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as Manifest;
    return m.format === 1 ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The newest complete backup in `dir` (for linking its photos), if any. */
export async function latestBackup(dir: string): Promise<{ folder: string; manifest: Manifest } | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  for (const name of names.filter((n) => n.startsWith(BACKUP_PREFIX)).sort().reverse()) {
    const manifest = await readManifest(join(dir, name));
    if (manifest) return { folder: join(dir, name), manifest };
  }
  return undefined;
}

/** A folder name that sorts by time: gs-backup-2026-12-05T14-30-00-123Z. */
export const backupName = (at: Date): string => BACKUP_PREFIX + at.toISOString().replace(/[:.]/g, '-');
