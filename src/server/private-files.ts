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

/**
 * fsyncs of a path shared by the calls that need one at once: one fsync covers every change made to the file or
 * folder before it began, so a call arriving while one runs waits for the next one (started when that ends),
 * which all the calls arriving meanwhile share. A call resolves once an fsync begun after it has completed (or
 * rejects with that fsync's error).
 */
export class SharedFsync {
  private readonly paths = new Map<string, { running: Promise<void>; next: Promise<void> | undefined }>();

  constructor(private readonly fsync: (path: string) => Promise<void> = fsyncPath) {}

  sync(path: string): Promise<void> {
    const current = this.paths.get(path);
    if (!current) return this.start(path, this.fsync(path));
    // The running fsync may have begun before this call's change: the one after it covers it.
    current.next ??= current.running.then(() => {}, () => {}).then(() => this.fsync(path));
    return current.next;
  }

  private start(path: string, fsync: Promise<void>): Promise<void> {
    const running = fsync.finally(() => {
      const current = this.paths.get(path);
      if (current?.next) this.start(path, current.next).catch(() => {}); // its callers hold `next`
      else this.paths.delete(path);
    });
    this.paths.set(path, { running, next: undefined });
    return running;
  }
}

const folders = new SharedFsync();

/** fsync of a folder, shared with the calls that ask for the same folder at once (SharedFsync). */
export const fsyncDirShared = (path: string): Promise<void> => folders.sync(path);
