// The server's files are readable by its own user only: folders 0700, files 0600. Set with chmod after creating,
// because the mode given to mkdir/open is narrowed by whatever umask the process was started with.
import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** The folders mkdir -p made: from `path` up to `first`, the topmost one it created. */
function created(path: string, first: string | undefined): string[] {
  const dirs: string[] = [];
  if (first === undefined) return dirs;
  for (let dir = path; dir.length >= first.length; dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === first) break;
  }
  return dirs;
}

/** mkdir -p, the folders it creates private. Returns the topmost folder it created, if any. */
export async function makePrivateDir(path: string): Promise<string | undefined> {
  const first = await mkdir(path, { recursive: true, mode: PRIVATE_DIR });
  for (const dir of created(path, first)) await chmod(dir, PRIVATE_DIR);
  return first;
}

export function makePrivateDirSync(path: string): void {
  const first = mkdirSync(path, { recursive: true, mode: PRIVATE_DIR });
  for (const dir of created(path, first)) chmodSync(dir, PRIVATE_DIR);
}

/** fsync of a file or a directory (a directory's, so a rename or a new entry in it is durable). */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
