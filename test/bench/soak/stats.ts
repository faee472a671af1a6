// What the soak's clients saw: every request's route, status (or network failure) and time, and which answers the
// protocol expects. A non-2xx answer is an error unless the table below names it; a network failure is an error
// unless it came while the server was down on purpose (the SIGKILL run), and so is a 5xx then.

/** Answers that are part of the protocol, not failures (src/sync/http.ts handles each). */
export const PROTOCOL_NORMAL: Record<string, { status: number; why: string }[]> = {
  'HEAD /api/photos/:sha256': [{ status: 404, why: 'not held yet: the phone uploads it (Upload-Offset says from where)' }],
  'GET /api/reference': [{ status: 304, why: 'If-None-Match: the lists the phone holds are current' }],
  'PATCH /api/photos/:sha256': [
    { status: 204, why: 'part of the bytes held (a cut upload): the phone sends the rest from Upload-Offset' },
    { status: 409, why: 'offset-mismatch: the server holds another offset than the phone sent (after a cut); the phone resends from it' },
  ],
};

export const isNormal = (route: string, status: number): boolean =>
  (status >= 200 && status < 300) || (PROTOCOL_NORMAL[route]?.some((n) => n.status === status) ?? false);

export interface Sample { route: string; status: number; ms: number }

interface RouteStats { count: number; statuses: Map<string, number>; ms: number[]; errors: number }

export interface Outage { from: number; until: number | undefined }

export class Stats {
  readonly routes = new Map<string, RouteStats>();
  /** The first unexpected answers and failures, for the report (at most 40). */
  readonly examples: string[] = [];
  /** Problems found by the clients' own checks (a receipt that does not match, a replay that made a revision). */
  readonly anomalies: string[] = [];
  anomalyCount = 0;
  /** Failures and 5xx while the server was down on purpose: expected, retried by the phones. */
  outageFailures = 0;
  /** Of those: requests already under way when the server was killed (cut mid-request). */
  cutByKill = 0;
  readonly outages: Outage[] = [];
  /** Requests under way now, by route (the SIGKILL is timed to land on some writes). */
  readonly inFlight = new Map<string, number>();
  /** Set by the runner: requests before it are setup (sign-ins), not part of the soak. */
  measuring = false;

  private route(name: string): RouteStats {
    let r = this.routes.get(name);
    if (!r) this.routes.set(name, (r = { count: 0, statuses: new Map(), ms: [], errors: 0 }));
    return r;
  }

  private inOutage(startedAt: number): boolean {
    // A request started up to 2 s before the kill could be cut by it; one after the restart must succeed.
    return this.outages.some((o) => startedAt >= o.from - 2_000 && (o.until === undefined || startedAt < o.until));
  }

  record(route: string, status: number | string, startedAt: number, ms: number, detail = ''): void {
    if (!this.measuring) return;
    const r = this.route(route);
    r.count++;
    const key = String(status);
    r.statuses.set(key, (r.statuses.get(key) ?? 0) + 1);
    const failed = typeof status === 'string' || !isNormal(route, status);
    if (failed && (typeof status === 'string' || status >= 500) && this.inOutage(startedAt)) {
      // Not timed: a refused connection takes no time and would flatter the percentiles.
      this.outageFailures++;
      if (status !== 'ECONNREFUSED' && typeof status === 'string') this.cutByKill++;
      return;
    }
    r.ms.push(ms);
    if (!failed) return;
    r.errors++;
    if (this.examples.length < 40) this.examples.push(`${route} → ${status} ${detail.slice(0, 200)}`);
  }

  started(route: string, delta: 1 | -1): void {
    this.inFlight.set(route, (this.inFlight.get(route) ?? 0) + delta);
    for (const w of [...this.inFlightWaiters]) if (w.until(this.inFlight)) w.resolve(true);
  }

  private readonly inFlightWaiters = new Set<{ until: (inFlight: ReadonlyMap<string, number>) => boolean; resolve: (met: boolean) => void }>();

  /** Resolves true as soon as the requests under way satisfy `until`, or false if `giveUp` settles first. */
  whenInFlight(until: (inFlight: ReadonlyMap<string, number>) => boolean, giveUp: Promise<unknown>): Promise<boolean> {
    if (until(this.inFlight)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { until, resolve: (met: boolean) => { this.inFlightWaiters.delete(waiter); resolve(met); } };
      this.inFlightWaiters.add(waiter);
      void giveUp.then(() => waiter.resolve(false));
    });
  }

  anomaly(text: string): void {
    this.anomalyCount++;
    if (this.anomalies.length < 40) this.anomalies.push(text);
  }

  get errors(): number {
    let n = 0;
    for (const r of this.routes.values()) n += r.errors;
    return n;
  }

  get requests(): number {
    let n = 0;
    for (const r of this.routes.values()) n += r.count;
    return n;
  }
}

/** The q-quantile (0…1) of unsorted numbers, by nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Think times: exponential with this mean, clamped (people neither act at once nor wait forever). */
export function thinkMs(meanMs: number, minMs: number, maxMs: number, random = Math.random): number {
  return Math.min(maxMs, Math.max(minMs, -meanMs * Math.log(1 - random())));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
