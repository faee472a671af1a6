// Turns of the event loop while an export is made. A reader on loopback (a reverse proxy on the same host, a
// client on the server itself) takes every chunk at once, so the stream's backpressure never pauses the export,
// and SQLite's queries are synchronous: without these turns a province's whole file is made in one task, and
// every other request (a thousand phones syncing) waits behind it (issue #13 point 5; test/bench/export-loop.ts).
import { setImmediate } from 'node:timers/promises';

/**
 * Cases formatted in one go (CSV or XLSX rows, a ZIP's folders): 100 take 7–25 ms of CPU on the 2-core machine
 * the bench ran on, where a page of 500 with its XLSX rows and their deflating took ~100 ms.
 */
export const CASES_PER_TURN = 100;

/** Lets the event loop run its timers, I/O and other requests before the export goes on. */
export const nextTurn = (): Promise<void> => setImmediate();

/** The items in slices of CASES_PER_TURN, with a turn of the event loop before each. */
export async function* inTurns<T>(items: readonly T[]): AsyncGenerator<readonly T[]> {
  for (let start = 0; start < items.length; start += CASES_PER_TURN) {
    await nextTurn();
    yield items.slice(start, start + CASES_PER_TURN);
  }
}
