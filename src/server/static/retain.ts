// The previous releases' hashed files (/assets/*), kept for a while after a deploy: a tab (or an installed app)
// opened before it still runs the old code and asks for its lazily loaded files by their old names. `npm run build`
// calls retainAssets() before it empties dist/ (vite.config.ts); the static server answers an /assets/ file missing
// from dist/ out of this folder. Runs at build time: plain synchronous node:fs, no app code.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** How long a file stays after the last build that had it (ASSET_RETENTION_DAYS at build time). */
export const ASSET_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `<STATIC_DIR>-previous/assets`: beside dist/, since each build empties dist/. */
export function previousAssetsDir(staticDir: string): string {
  return join(`${resolve(staticDir)}-previous`, 'assets');
}

export interface Retained { kept: number; removed: number }

/**
 * Copies every file of `<staticDir>/assets` into the previous-assets folder and dates each copy `now` (the file
 * was live until now), then deletes the copies older than `days`.
 */
export function retainAssets(staticDir: string, options: { now?: number; days?: number } = {}): Retained {
  const now = options.now ?? Date.now();
  const days = options.days ?? ASSET_RETENTION_DAYS;
  const from = join(resolve(staticDir), 'assets');
  const to = previousAssetsDir(staticDir);
  mkdirSync(to, { recursive: true });
  const seconds = now / 1000;
  if (existsSync(from)) {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const copy = join(to, entry.name);
      if (!existsSync(copy)) copyFileSync(join(from, entry.name), copy);
      utimesSync(copy, seconds, seconds);
    }
  }
  let removed = 0;
  for (const entry of readdirSync(to, { withFileTypes: true })) {
    const file = join(to, entry.name);
    if (entry.isFile() && statSync(file).mtimeMs < now - days * DAY_MS) {
      rmSync(file);
      removed++;
    }
  }
  return { kept: readdirSync(to).length, removed };
}

/** ASSET_RETENTION_DAYS from the environment: a whole number of days ≥ 0, else the default. */
export function retentionDays(value: string | undefined): number {
  const days = Number(value?.trim() || NaN);
  return Number.isInteger(days) && days >= 0 ? days : ASSET_RETENTION_DAYS;
}
