// One simulated device's connection to the server: its own keep-alive sockets (a phone's browser opens at most
// 6 to a host and drops idle ones after a while), its session cookie, every request timed into Stats under its
// route pattern. Node's http rather than fetch: fetch pools every phone's requests into one set of connections.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { callTimeoutMs } from '../../../src/sync/http';
import type { Stats } from './stats';

export interface Answer { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** The request never got an answer: refused, reset, timed out. The phone treats it as the link failing. */
export class NetworkError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export interface SendOptions {
  route: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
}


export class Link {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 6, timeout: 30_000 });
  cookie = '';

  constructor(private readonly base: URL, private readonly stats: Stats) {}

  send(method: string, path: string, o: SendOptions): Promise<Answer> {
    const body = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (body) headers['content-length'] = String(body.length);
    const timeoutMs = o.timeoutMs ?? callTimeoutMs(body?.length ?? 0);
    const started = Date.now();
    const t0 = performance.now();
    this.stats.started(o.route, 1);
    return new Promise<Answer>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const fail = (err: Error): void => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        this.stats.started(o.route, -1);
        const code = err instanceof NetworkError ? err.code : (err as NodeJS.ErrnoException).code ?? err.message;
        this.stats.record(o.route, code, started, performance.now() - t0, err.message);
        reject(new NetworkError(code));
      };
      const req = httpRequest({ host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          this.stats.started(o.route, -1);
          const answer = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
          const detail = answer.status >= 300 && answer.status !== 304 ? answer.body.toString('utf8', 0, 300) : '';
          this.stats.record(o.route, answer.status, started, performance.now() - t0, detail);
          resolve(answer);
        });
        res.on('error', fail);
      });
      timer = setTimeout(() => req.destroy(new NetworkError('timeout')), timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
  }

  /** Drops the device's idle connections (the phone is put away). */
  close(): void {
    this.agent.destroy();
  }
}

export const json = <T>(a: Answer): T => JSON.parse(a.body.toString('utf8')) as T;
