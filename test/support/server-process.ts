// The real server as a child process (node --import tsx src/server/main.ts), on a free port of 127.0.0.1, with
// its own fresh database; without PUBLIC_URL in env, that address is its development default. Tests can
// SIGKILL it mid-request and start it again on the same data and port (the same origin).
// Serves dist/ (the built app) unless staticDir says otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Role, SessionUser } from '../../src/shared/sync-protocol';
import type { Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrations';
import { hashPassword } from '../../src/server/accounts/passwords';
import { insertUser } from '../../src/server/accounts/users';
import { createTestDatabase, type TestDatabase } from './databases';
import { DIST } from './dist-files';
import { until } from './wait';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));
const STOP_TIMEOUT_MS = 15_000;

export interface ServerProcess {
  url: string;
  dataDir: string;
  /** The running server's process id (undefined while stopped): for signals and for reading its memory from /proc. */
  readonly pid: number | undefined;
  databaseUrl?: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Sends a signal at once; resolves with the exit code when the process exits (null: killed after 15 s). */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  start(): Promise<void>;
  createUser(u: { username: string; password: string; role: Role; area: string; displayName?: string }): Promise<SessionUser>;
  /** The database the server uses, opened from the test process (for row counts and setting up states). */
  db(): Db;
  /** Everything the server wrote to stdout/stderr, one line each (its JSON logs). */
  logs(): string[];
  /** Stops the server, drops its database and removes its data folder. */
  dispose(): Promise<void>;
}

export interface ServerProcessOptions {
  database?: 'sqlite' | 'postgres';
  env?: Record<string, string>;
  staticDir?: string;
  /** Fills the fresh database and DATA_DIR before the first start (data made by an earlier release). */
  prepare?: (database: TestDatabase) => Promise<void>;
  /** DATA_DIR, made if missing, instead of a temp folder (e.g. on a small file system). */
  dataDir?: string;
  /** Options for node itself, before the script (a bench's --cpu-prof, not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nothing listens on now: the server is told its port up front, so its PUBLIC_URL default names it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const database: TestDatabase = await createTestDatabase(options.database ?? 'sqlite', options.dataDir);
  const lines: string[] = [];
  let child: ChildProcess | undefined;
  let port = 0;
  let db: Db | undefined;

  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > 5000) lines.splice(0, lines.length - 5000);
    });
  };

  const start = async (): Promise<void> => {
    if (child) throw new Error('server already running');
    if (port === 0) port = await freePort();
    const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        // Not production, even when the test process has loaded Vite (which sets NODE_ENV=production).
        NODE_ENV: 'test',
        STATIC_DIR: options.staticDir ?? DIST,
        ...database.env,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    running.add(proc);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => {
      running.delete(proc);
      if (child === proc) child = undefined;
      resolve(code);
    }));
    collect(proc.stdout);
    collect(proc.stderr);

    const output = () => lines.slice(-30).join('\n');
    const alive = async () => {
      if (child === proc) return;
      await exited;
      throw new Error(`server exited while starting:\n${output()}`);
    };
    await until(async () => {
      await alive();
      return fetch(`http://127.0.0.1:${port}/api/health`).then((res) => res.ok, () => false); // not listening yet
    }, () => `the server to be healthy:\n${output()}`);
  };

  const kill = async (signal: NodeJS.Signals): Promise<number | null> => {
    const proc = child;
    if (!proc) throw new Error('server not running');
    const done = new Promise<number | null>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
      else proc.once('exit', (code) => resolve(code));
    });
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await done;
    clearTimeout(timer);
    return code;
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (child) await kill(signal);
  };

  const openDb = (): Db => (db ??= database.open());

  try {
    await options.prepare?.(database);
    await start();
  } catch (err) {
    await stop('SIGKILL');
    await database.drop().catch(() => {});
    throw err;
  }
  const server: ServerProcess = {
    get url() { return `http://127.0.0.1:${port}`; },
    get pid() { return child?.pid; },
    dataDir: database.dataDir,
    ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
    start,
    stop,
    kill,
    db: openDb,
    logs: () => [...lines],
    async createUser(u) {
      const conn = openDb();
      await migrateToLatest(conn);
      return insertUser(conn, {
        username: u.username,
        displayName: u.displayName ?? u.username,
        role: u.role,
        area: u.area,
        // Cheaper scrypt than real accounts (the server verifies with the parameters stored in the hash).
        passwordHash: await hashPassword(u.password, 11),
      });
    },
    async dispose() {
      await stop();
      await db?.destroy().catch(() => {});
      db = undefined;
      await database.drop();
    },
  };
  return server;
}
