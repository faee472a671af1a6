// The server watched from outside every ~10 s: its resident memory (VmRSS in /proc/<pid>/status, the child the
// harness started), and from GET /metrics its JS heap and its event-loop delay. The delay is prom-client's
// (perf_hooks.monitorEventLoopDelay, 10 ms resolution), whose histogram restarts at each scrape: each sample is
// the window since the previous one. Its figures include the 10 ms sampling interval itself (an idle loop reads
// ~10 ms), so the report gives them as they are and minus 10 ms. Also the machine's load average, and this
// process's own event-loop delay: if the load generator lags, its latencies are its own.
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuTimeMs, statusKb } from '../../support/process-memory';

export interface WatchSample {
  atS: number;
  rssMb: number | undefined;
  /** Of the RSS: anonymous memory, and file-backed or shared (the node binary's pages, mapped files). */
  anonMb: number | undefined;
  fileMb: number | undefined;
  heapMb: number | undefined;
  /** Memory outside the JS heap that V8 knows of (Buffers and the like). */
  externalMb: number | undefined;
  /** The server's event-loop delay in this window, ms (as measured: includes the 10 ms interval). */
  loop?: { p50: number; p99: number; max: number };
  /** The server's CPU use in the window, % of one core (utime + stime from /proc/<pid>/stat). */
  cpuPct: number | undefined;
  /** This (load-generating) process's event-loop delay p99 in the window, ms, and its CPU use, % of one core. */
  selfLoopP99: number;
  selfCpuPct: number;
  load1: number;
}

/** VmRSS and its parts: anonymous (the heap, native allocations) and file-backed (code and files mapped). */
function residentKb(pid: number): { rss: number; anon: number; file: number } | undefined {
  try {
    return { rss: statusKb(pid, 'VmRSS'), anon: statusKb(pid, 'RssAnon'), file: statusKb(pid, 'RssFile') + statusKb(pid, 'RssShmem') };
  } catch {
    return undefined; // exited between the check and the read
  }
}

/** utime + stime of a process, in seconds (undefined once it has exited). */
function cpuSeconds(pid: number): number | undefined {
  try {
    return cpuTimeMs(pid) / 1000;
  } catch {
    return undefined;
  }
}

export function gauge(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

export interface Watched { url: string; pid: number | undefined }

export class ServerWatch {
  readonly samples: WatchSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly self = monitorEventLoopDelay({ resolution: 10 });
  private t0 = Date.now();
  private last = { at: Date.now(), pid: undefined as number | undefined, cpu: 0, self: process.cpuUsage() };

  constructor(private readonly server: Watched, private readonly token: string, private readonly everyMs = 10_000) {}

  private async scrape(): Promise<string | undefined> {
    try {
      const res = await fetch(`${this.server.url}/metrics`, { headers: { authorization: `Bearer ${this.token}` }, signal: AbortSignal.timeout(5_000) });
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  }

  /** Starts sampling from now (a first scrape empties the delay histogram of what came before). */
  async start(): Promise<void> {
    await this.scrape();
    this.self.enable();
    this.t0 = Date.now();
    this.last = { at: this.t0, pid: this.server.pid, cpu: (this.server.pid && cpuSeconds(this.server.pid)) || 0, self: process.cpuUsage() };
    this.timer = setInterval(() => void this.sample(), this.everyMs);
  }

  async sample(): Promise<void> {
    const pid = this.server.pid;
    const rss = pid === undefined ? undefined : residentKb(pid);
    const text = pid === undefined ? undefined : await this.scrape();
    const ms = (name: string) => {
      const s = text && gauge(text, name);
      return s === undefined || s === '' ? undefined : s * 1000;
    };
    const p50 = ms('nodejs_eventloop_lag_p50_seconds');
    const p99 = ms('nodejs_eventloop_lag_p99_seconds');
    const max = ms('nodejs_eventloop_lag_max_seconds');
    const heap = text ? gauge(text, 'nodejs_heap_size_used_bytes') : undefined;
    const external = text ? gauge(text, 'nodejs_external_memory_bytes') : undefined;
    const now = Date.now();
    const cpu = pid === undefined ? undefined : cpuSeconds(pid);
    const self = process.cpuUsage(this.last.self);
    const wall = (now - this.last.at) / 1000;
    const cpuPct = cpu !== undefined && pid === this.last.pid ? ((cpu - this.last.cpu) / wall) * 100 : undefined;
    const selfCpuPct = ((self.user + self.system) / 1e6 / wall) * 100;
    this.last = { at: now, pid, cpu: cpu ?? 0, self: process.cpuUsage() };
    this.samples.push({
      atS: (now - this.t0) / 1000,
      rssMb: rss && rss.rss / 1024,
      anonMb: rss && rss.anon / 1024,
      fileMb: rss && rss.file / 1024,
      heapMb: heap === undefined ? undefined : heap / 1024 / 1024,
      externalMb: external === undefined ? undefined : external / 1024 / 1024,
      ...(p50 !== undefined && p99 !== undefined && max !== undefined ? { loop: { p50, p99, max } } : {}),
      cpuPct,
      selfLoopP99: this.self.percentile(99) / 1e6,
      selfCpuPct,
      load1: loadavg()[0]!,
    });
    this.self.reset();
  }

  stop(): void {
    clearInterval(this.timer);
    this.self.disable();
  }
}
