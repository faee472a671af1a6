// The one way a test waits for a state it cannot be told about: ask again until it holds. The timeout is a
// safety net for a test that would otherwise hang, never a decision: a test must not pass or fail by it.

const POLL_MS = 25;

/** Browser waits and server round trips on a loaded two-core machine: long enough never to be the reason. */
export const SAFETY_NET_MS = 60_000;

/**
 * Resolves with the first truthy value `check` gives. On timeout, throws an Error naming what it waited for
 * (`what` may be a function, to describe the last state seen).
 */
export async function until<T>(check: () => T | Promise<T>, what: string | (() => string), timeoutMs = SAFETY_NET_MS): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
