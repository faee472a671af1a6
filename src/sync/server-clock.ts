// The server's clock as the phone last saw it. Cheap phones' clocks are often wrong by far more than the five
// minutes the server forgives a consent time (CONSENT_CLOCK_SKEW_MS); a consent stamped by a fast clock would be
// refused, and re-ticking the box would stamp the same wrong time. So every answer from our server with a Date
// header records offset = server time − local time, and a consent is stamped no later than the server's time.
//
// Kept in the phone's settings table (IndexedDB), not localStorage: the service worker, which also syncs, has no
// localStorage. The page reads it once at start (loadServerClock) and keeps it in memory, so stamping is synchronous.
import type { GuongSangDb } from '../db/database';
import { getSetting, setSetting } from '../db/settings';

export const SERVER_CLOCK_KEY = 'serverClockOffsetMs';
/** Date has one-second resolution and an answer takes time to arrive: a smaller difference is noise. */
export const CLOCK_NOISE_MS = 5_000;

let offsetMs: number | undefined;

/** Server time − local time at receipt (0 within the noise), or undefined without a readable Date header. */
export function offsetFrom(dateHeader: string | null | undefined, receivedAt: number): number | undefined {
  const server = dateHeader ? Date.parse(dateHeader) : NaN;
  if (!Number.isFinite(server)) return undefined;
  const offset = server - receivedAt;
  return Math.abs(offset) < CLOCK_NOISE_MS ? 0 : offset;
}

/** Records what one answer says; the database is written only when the offset moved beyond the noise. */
export async function noteServerDate(db: GuongSangDb, dateHeader: string | null | undefined, receivedAt = Date.now()): Promise<void> {
  const offset = offsetFrom(dateHeader, receivedAt);
  if (offset === undefined) return;
  if (offsetMs !== undefined && Math.abs(offset - offsetMs) < CLOCK_NOISE_MS) return;
  offsetMs = offset;
  try {
    await setSetting(db, SERVER_CLOCK_KEY, offset);
  } catch { /* kept in memory; an answer after the next start records it again */ }
}

/** The offset the phone last recorded (a reload, possibly offline). */
export async function loadServerClock(db: GuongSangDb): Promise<void> {
  const stored = await getSetting<number>(db, SERVER_CLOCK_KEY).catch(() => undefined);
  if (offsetMs === undefined && typeof stored === 'number' && Number.isFinite(stored)) offsetMs = stored;
}

export const serverClockOffset = (): number | undefined => offsetMs;

/**
 * The instant to stamp a consent with: the server's time when the phone's clock is ahead of it (the server accepts
 * it, and the phone's own check, by its local clock, sees no future time); local time otherwise, already in the
 * server's past when the phone is slow.
 */
export function consentNow(localNow = Date.now()): number {
  return localNow + Math.min(0, offsetMs ?? 0);
}

/** Tests only: forgets what was learned. */
export function resetServerClock(): void {
  offsetMs = undefined;
}
