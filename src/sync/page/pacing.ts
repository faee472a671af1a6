// How often the page runs: one run at a time (requests made meanwhile merge into one more run), and a hold
// after a failed link that grows with each failure in a row.
import { backoffDelay } from '../backoff';

/**
 * Runs one at a time. A request made while a run is going gets one more run after it, merged with any other
 * such request (forced if any of them was); the returned promise resolves when the runs are over.
 */
export function serialRuns(run: (force: boolean) => Promise<void>, stopped: () => boolean): (force: boolean) => Promise<void> {
  let pending: { force: boolean } | undefined;
  let loop: Promise<void> | undefined;
  const drain = async () => {
    while (pending && !stopped()) {
      const { force } = pending;
      pending = undefined;
      await run(force);
    }
  };
  return (force) => {
    if (stopped()) return Promise.resolve();
    pending = { force: force || !!pending?.force };
    loop ??= drain().finally(() => { loop = undefined; });
    return loop;
  };
}

/** No automatic run before `until`: the link (or a run) failed, or the server asked for a pause. */
export class LinkHold {
  until = 0;
  private failures = 0;

  constructor(private readonly now: () => number, private readonly random: () => number) {}

  get active(): boolean {
    return this.now() < this.until;
  }

  /** One more failure in a row: hold for the jittered backoff, and at least `minMs` (the server's Retry-After). */
  failed(minMs = 0): void {
    this.failures++;
    this.until = this.now() + Math.max(backoffDelay(this.failures, this.random), minMs);
  }

  /** The link works, or may again (it came back, or someone new signed in): no hold, and the count starts over. */
  reset(): void {
    this.failures = 0;
    this.until = 0;
  }

  /** "Gửi ngay": no hold for this run, but a failure still counts as one more in a row. */
  lift(): void {
    this.until = 0;
  }
}
