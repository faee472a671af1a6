// What the server counts, in one prom-client registry per server (tests run several servers in one process).
// Labels are bounded by construction: route patterns, status classes, fixed outcome names; never an id.
// Read through GET /metrics (routes.ts); the names and the alerts on them are in the README ("Theo dõi").
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DiskReserve } from '../disk/space';
import { stateGauges } from './state';

export const CASE_OUTCOMES = ['received', 'replayed', 'conflicted', 'refused'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const THROTTLE_REASONS = ['attempts', 'busy'] as const;
export const QUERY_KINDS = ['select', 'insert', 'update', 'delete', 'other'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface MetricsOptions {
  /** The data disk (DATA_DIR) and its reserve: free space is read at each scrape. */
  dataDir: string;
  diskReserve: DiskReserve;
  /** Where complete backups are looked for (BACKUP_DIR); unset: no backup gauges. */
  backupDir?: string | undefined;
  /** Node's process metrics (memory, CPU, event loop lag, GC): once per process, so main.ts only. */
  processMetrics?: boolean;
}

/** Seconds: from a cached answer (~1 ms) to a photo sent over a slow rural link. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

export class Metrics {
  readonly registry = new Registry();

  readonly http = new Histogram({
    name: 'gs_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status class (2xx…5xx), and their duration; _count is the request count',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly cases = new Counter({
    name: 'gs_cases_total',
    help: 'Case PUTs by outcome: received (a new case or revision stored), replayed (already stored), conflicted (409 conflict), refused (any other 4xx/507)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly photos = new Counter({
    name: 'gs_photos_total',
    help: 'Photo uploads accepted: stored (new bytes written) or deduped (the bytes were already stored)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly photoBytes = new Counter({
    name: 'gs_photo_stored_bytes_total',
    help: 'Bytes of new photos written to the data disk',
    registers: [this.registry],
  });

  readonly loginFailures = new Counter({
    name: 'gs_login_failures_total',
    help: 'Sign-ins refused for a wrong username or password',
    registers: [this.registry],
  });

  readonly loginThrottled = new Counter({
    name: 'gs_login_throttled_total',
    help: 'Sign-ins answered 429: attempts (too many for the username or address) or busy (password checks saturated)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly queries = new Histogram({
    name: 'gs_db_query_duration_seconds',
    help: 'Database queries by kind (select, insert, update, delete, other) and their duration',
    labelNames: ['kind'] as const,
    buckets: QUERY_BUCKETS,
    registers: [this.registry],
  });

  constructor(options: MetricsOptions) {
    // Every labelled series from zero, so rate() and increase() see the first event.
    for (const outcome of CASE_OUTCOMES) this.cases.inc({ outcome }, 0);
    for (const result of ['stored', 'deduped']) this.photos.inc({ result }, 0);
    for (const reason of THROTTLE_REASONS) this.loginThrottled.inc({ reason }, 0);
    stateGauges(this.registry, options);
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  caseOutcome(outcome: CaseOutcome): void {
    this.cases.inc({ outcome });
  }

  photoAccepted(created: boolean, bytes: number): void {
    this.photos.inc({ result: created ? 'stored' : 'deduped' });
    if (created) this.photoBytes.inc(bytes);
  }

  /** The exposition text and its content type. */
  async text(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
