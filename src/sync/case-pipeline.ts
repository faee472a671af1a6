// Sending the due cases of one run (./run.ts). On a slow link with long latency the round trips between photos
// would leave the link idle, so cases overlap by one step: while case n's PUT waits for its answer, case n+1's
// photos already go up, and case n+1's HEAD probes are made while case n uploads. Every answer is still
// recorded per case, in its own transaction (db/send-results.ts).
import { dueEntries, readForSending, type Expected, type SendSnapshot } from '../db/outbox';
import { eraseLocalCase } from '../db/erasure';
import { markConflict, markParked, markSent, recordRetry } from '../db/send-results';
import { nextAttemptTime } from './backoff';
import { MESSAGES, SyncFailure, type Failure, type PhotoProbe, type SyncApi } from './http';
import type { RunOptions, RunOutcome, RunResult } from './run';
import { CaseSender, probe, type Progress } from './send';

const PREFETCH_CONCURRENCY = 3;

/** What the cases of one run share: the caller's options, its clock and dice, its connection, its result. */
export interface RunContext {
  o: RunOptions;
  now: () => number;
  random: () => number;
  apiFor: (signal: AbortSignal) => SyncApi;
  result: RunResult;
}

function linked(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller;
}

export class CasePipeline {
  /** Aborted by end(): nothing of the cases outlives them (early probes included). */
  private readonly cases: AbortController;
  private readonly api: SyncApi;
  private readonly tried = new Set<string>();
  private readonly earlyProbes = new Map<string, Promise<Map<string, PhotoProbe> | undefined>>();
  /** The case whose photos are going up: the only one whose progress is reported. */
  private current: string | undefined;
  /** The previous case's PUT and the recording of its answer; settled before the next PUT starts. */
  private putInFlight: Promise<RunOutcome | undefined> | undefined;

  constructor(private readonly ctx: RunContext) {
    this.cases = linked(ctx.o.signal ?? new AbortController().signal);
    this.api = ctx.apiFor(this.cases.signal);
  }

  /**
   * Tries every due case once; returns why it stopped early, if it did. The queue is read again before every
   * case: cases queued meanwhile (any tab) join this run, reopened ones leave it.
   */
  async sendDue(): Promise<RunOutcome | undefined> {
    const { o, now } = this.ctx;
    for (;;) {
      if (this.cases.signal.aborted) return 'aborted';
      const due = (await dueEntries(o.db, o.userId, now(), o.ignoreBackoff)).filter((e) => !this.tried.has(e.caseId));
      const entry = due[0];
      if (!entry) return this.settlePut();
      this.tried.add(entry.caseId);
      const stop = await this.send(entry.caseId, due[1]?.caseId);
      if (stop) return stop;
    }
  }

  end(): void {
    this.cases.abort();
  }

  /** One case: its photos go up while the previous case's PUT is answered; then its own PUT starts. */
  private async send(caseId: string, nextCaseId: string | undefined): Promise<RunOutcome | undefined> {
    const { o } = this.ctx;
    const snap = await readForSending(o.db, caseId);
    if (!snap) return undefined;
    if (snap.missingLocal.length) {
      await recordFailure(this.ctx, snap.expected, { kind: 'invalid', status: 0, forbidden: false, message: MESSAGES.lost });
      return undefined;
    }
    const own = linked(this.cases.signal);
    const report = (p: Progress) => { if (this.current === p.caseId) o.onProgress?.(p); };
    const sender = new CaseSender(o.db, this.ctx.apiFor(own.signal), snap, report, o.uploadConcurrency);
    this.current = caseId;
    const known = await this.earlyProbes.get(caseId);
    if (nextCaseId) this.probeEarly(nextCaseId);
    const photos = sender.sendPhotos(known).then(() => undefined, (error: unknown) => error ?? new Error('upload failed'));
    const previous = await this.settlePut();
    if (previous) {
      own.abort(); // the previous case stopped the run: this one was not really tried
      await photos;
      return previous;
    }
    const photoError = await photos;
    if (photoError) return this.failed(snap, photoError);
    this.startPut(sender);
    return undefined;
  }

  private startPut(sender: CaseSender): void {
    const { expected } = sender.snap;
    const put = sender.putCase().then(
      async (receipt) => {
        if ((await markSent(this.ctx.o.db, expected, receipt)) === 'sent') this.ctx.result.sent.push(expected.caseId);
        return undefined;
      },
      (error: unknown) => this.failed(sender.snap, error),
    );
    put.catch(() => undefined); // awaited by settlePut(); this only keeps a storage failure from being "unhandled"
    this.putInFlight = put;
  }

  /** The previous case's outcome: why the run must stop, if it must. */
  private async settlePut(): Promise<RunOutcome | undefined> {
    const pending = this.putInFlight;
    this.putInFlight = undefined;
    return pending && (await pending);
  }

  /** HEADs for the case that comes next: only a hint (a wrong "present" is caught by the PUT's 409 missing-photos). */
  private probeEarly(caseId: string): void {
    if (this.earlyProbes.has(caseId)) return;
    this.earlyProbes.set(caseId, readForSending(this.ctx.o.db, caseId)
      .then((s) => (s ? probe(this.api, s.blobs.map((b) => b.sha256), PREFETCH_CONCURRENCY) : undefined))
      .catch(() => undefined));
  }

  private async failed(snap: SendSnapshot, error: unknown): Promise<RunOutcome | undefined> {
    if (!(error instanceof SyncFailure)) throw error;
    return recordFailure(this.ctx, snap.expected, error.failure);
  }
}

/** Records what a failure means for the case; returns the run's end when it means the whole run. */
async function recordFailure(ctx: RunContext, expected: Expected, f: Failure): Promise<RunOutcome | undefined> {
  const { o, result, now, random } = ctx;
  switch (f.kind) {
    case 'aborted':
      return 'aborted';
    case 'auth':
      // Nothing is charged to the case: it did nothing wrong. The whole run stops until the user signs in.
      result.lastError = { kind: 'auth', message: f.message };
      return 'auth';
    case 'invalid': {
      const problem = { kind: f.forbidden ? ('forbidden' as const) : ('invalid' as const), message: f.message, at: now(), ...(f.issues ? { issues: f.issues } : {}) };
      if (await markParked(o.db, expected, problem)) result.parked.push(expected.caseId);
      result.lastError = { kind: 'invalid', message: f.message };
      return undefined;
    }
    case 'conflict':
      if (await markConflict(o.db, expected, f.server, f.message, now())) result.conflicts.push(expected.caseId);
      result.lastError = { kind: 'conflict', message: f.message };
      return undefined;
    case 'erased':
      // The data subject had the case erased on the server: whatever the reporter changed since, it leaves the phone.
      if (await eraseLocalCase(o.db, expected.caseId, new Date(now()).toISOString())) result.erased.push(expected.caseId);
      return undefined;
    case 'missing-photos':
    case 'server':
    case 'network': {
      const retryAfterMs = f.kind === 'server' ? f.retryAfterMs : undefined;
      await recordRetry(o.db, expected, f.message, (attempts) => nextAttemptTime(attempts, now(), random, retryAfterMs));
      result.retried.push(expected.caseId);
      result.lastError = { kind: f.kind === 'network' ? 'network' : 'server', message: f.message };
      // A dead link fails every case the same way, a server that asks for a pause means all of us, and a full
      // account (507) refuses this user's every other case too: end the run without charging the other cases.
      // A plain 5xx may be this case's own trouble: go on with the others.
      if (f.kind === 'network') return 'network';
      if (f.kind === 'server' && (f.status === 429 || f.status === 507 || retryAfterMs !== undefined)) {
        result.retryAfterMs = retryAfterMs ?? 0;
        return 'network';
      }
      return undefined;
    }
  }
}
