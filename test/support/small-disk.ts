// A small file system of its own for a test: a size-limited tmpfs (mounting needs root, as the tests run here and
// in CI). Mounting impossible is a failure with the reason, never a skip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Bytes a file written now may still take. */
  free(): number;
  /** Writes a file taking all but `leave` of the free bytes (to a block); returns its path. */
  fill(leave: number): string;
}

/** Mounts a tmpfs of `megabytes`, runs fn on it, and unmounts it whatever happens. */
export async function withSmallDisk<T>(megabytes: number, fn: (disk: SmallDisk) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmdirSync(dir);
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    throw new Error(`cannot mount a ${megabytes} MB tmpfs for the full-disk test (it needs root, as in CI): ${why}`);
  }
  const free = () => { const s = statfsSync(dir); return s.bavail * s.bsize; };
  let fillers = 0;
  const disk: SmallDisk = {
    dir,
    free,
    fill(leave) {
      const path = join(dir, `filler-${++fillers}`);
      writeFileSync(path, Buffer.alloc(Math.max(0, free() - leave)));
      return path;
    },
  };
  try {
    return await fn(disk);
  } finally {
    execFileSync('umount', ['--lazy', dir]);
    rmdirSync(dir);
  }
}
