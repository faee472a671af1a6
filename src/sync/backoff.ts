// When to try again after a retryable failure: exponential backoff with full jitter, capped. Jitter matters
// here: after a mast comes back, every phone of a commune would otherwise retry in the same second.

export const BACKOFF = {
  baseMs: 5_000,
  capMs: 30 * 60_000,
  /** A floor so full jitter never means "at once". */
  minMs: 1_000,
  /** The longest Retry-After honoured as given; beyond it the server's hint is treated as this long. */
  maxRetryAfterMs: 6 * 60 * 60_000,
} as const;

/** Delay before attempt n+1 after n failed attempts (n ≥ 1): uniform in [minMs, min(cap, base·2^(n−1))]. */
export function backoffDelay(attempts: number, random: () => number): number {
  const exp = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.max(BACKOFF.minMs, Math.floor(random() * exp));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(BACKOFF.maxRetryAfterMs, Math.max(0, ms));
}

/** The next attempt time: the jittered backoff, but never sooner than the server asked. */
export function nextAttemptTime(attempts: number, now: number, random: () => number, retryAfterMs?: number): number {
  return now + Math.max(backoffDelay(attempts, random), retryAfterMs ?? 0);
}
