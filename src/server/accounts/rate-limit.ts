// Failed logins counted per username and per client address in a sliding window, in memory (one server
// process). While either is at its limit, login answers 429 even with the right password.

export interface LimitConfig { windowMs: number; maxPerUser: number; maxPerIp: number }

const MAX_KEYS = 50_000; // bounds memory under a spray of random usernames

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly config: LimitConfig) {}

  /** Seconds to wait, or 0 when an attempt is allowed now. */
  retryAfter(username: string, ip: string, now = Date.now()): number {
    const wait = Math.max(
      this.waitFor(`u:${username}`, this.config.maxPerUser, now),
      this.waitFor(`ip:${ip}`, this.config.maxPerIp, now),
    );
    return Math.ceil(wait / 1000);
  }

  recordFailure(username: string, ip: string, now = Date.now()): void {
    for (const key of [`u:${username}`, `ip:${ip}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.delete(key); // re-insert: Map order becomes least recently failed first
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** A correct password clears the username's count (not the address's). */
  recordSuccess(username: string): void {
    this.failures.delete(`u:${username}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.config.windowMs);
  }

  private waitFor(key: string, max: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < max) return 0;
    // Allowed again once enough of the oldest failures have left the window.
    return list[list.length - max]! + this.config.windowMs - now;
  }
}
