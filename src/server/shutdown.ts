// Stopping on SIGTERM/SIGINT without losing an upload. The listening socket closes at once (a new connection is
// refused) and so do idle keep-alive connections; requests in flight may finish for SHUTDOWN_GRACE_MS, answered
// with Connection: close. At the deadline the connections still open are cut: an upload's body then fails, its
// handler keeps the bytes that came for the phone to finish (photos/partial.ts) and unwinds. Then the database
// is closed and the process exits 0.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from './log';
import { errorFields } from './log';

/** After the deadline, how long cut requests get to unwind before the process exits anyway (code 1). */
const UNWIND_MS = 5_000;

/** The app's handlers still running: each request's promise, until it has answered or failed. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: T | Promise<T>): T | Promise<T> {
    if (!(work instanceof Promise)) return work;
    const p = work.finally(() => this.running.delete(p));
    this.running.add(p);
    return p;
  }

  get size(): number {
    return this.running.size;
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

type HttpServer = Server<typeof IncomingMessage, typeof ServerResponse>;

export interface Stoppable {
  server: HttpServer;
  inFlight: InFlight;
  graceMs: number;
  log: Logger;
  /** Closes what the requests used (the database), once they are all done. */
  close(): Promise<void>;
}

/**
 * Watches responses from the start, so that a stop can tell those not yet answered to close their connection.
 * Returns stop(signal), which resolves with the exit code.
 */
export function gracefulStop({ server, inFlight, graceMs, log, close }: Stoppable): (signal: string) => Promise<number> {
  const unanswered = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    // A request on a keep-alive connection that was busy when the stop began: answered, then the connection ends.
    if (stopping) res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });

  return async (signal) => {
    stopping = true;
    log.info('stopping', { signal, inFlight: inFlight.size, graceMs });
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => { timer = setTimeout(() => resolve('deadline'), graceMs); });
    if ((await Promise.race([closed, deadline])) === 'deadline') {
      log.warn('requests still running at the shutdown deadline: cut', { requests: inFlight.size, graceMs });
      server.closeAllConnections();
    }
    clearTimeout(timer);
    const unwound = await Promise.race([
      inFlight.settled().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), UNWIND_MS).unref()),
    ]);
    if (!unwound) {
      log.error('requests did not unwind after being cut', { requests: inFlight.size });
      return 1;
    }
    try {
      await close();
    } catch (err) {
      log.warn('database close failed', errorFields(err));
    }
    log.info('stopped', { signal });
    return 0;
  };
}
