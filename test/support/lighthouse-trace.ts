// The page's main-thread tasks in a Lighthouse run's trace (its artifacts folder: -GA, or LIGHTHOUSE_ARTIFACTS of
// test/bench/lighthouse.ts), for the benches that look at what costs the blocking time.
import { readFileSync } from 'node:fs';

export interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { data?: Record<string, unknown>; name?: string } }

export interface MainThread {
  /** Every complete event on the page's main thread, by start (longest first at a tie). */
  events: TraceEvent[];
  /** Its top-level tasks from the navigation on. */
  tasks: TraceEvent[];
  navigationTs: number;
  /** The first contentful paint Lighthouse observed (the unthrottled run's, in trace microseconds). */
  fcpTs: number;
}

export function readMainThread(folder: string): MainThread {
  const events = (JSON.parse(readFileSync(`${folder}/defaultPass.trace.json`, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const metrics = (JSON.parse(readFileSync(`${folder}/lhr.report.json`, 'utf8')) as { audits: { metrics: { details: { items: Array<Record<string, number>> } } } })
    .audits.metrics.details.items[0]!;
  const navigationTs = metrics.observedNavigationStartTs!;
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frames = ((started?.args?.data as { frames?: Array<{ processId: number; parent?: string }> })?.frames ?? []).filter((f) => !f.parent);
  const pids = new Set(frames.map((f) => f.processId));
  // The renderer main thread that ran the most after the navigation: the page's.
  const main = events
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pids.size === 0 || pids.has(e.pid)))
    .map((t) => ({ t, busy: events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'RunTask' && e.ts >= navigationTs).reduce((n, e) => n + (e.dur ?? 0), 0) }))
    .sort((a, b) => b.busy - a.busy)[0]!.t;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  return { events: onMain, tasks: onMain.filter((e) => e.name === 'RunTask' && e.ts >= navigationTs), navigationTs, fcpTs: metrics.observedFirstContentfulPaintTs! };
}

/**
 * The blocking time the tasks after the first contentful paint make when scaled by 4 as Lighthouse's phone does
 * (each one's time beyond 50 ms), by their lengths and by their thread CPU times. On a loaded machine a task
 * waits for a core: its length overstates the page's work, its CPU time does not. (Lighthouse itself counts up to
 * its simulated time to interactive, on a simulated timeline; these are the observed tasks, for comparing runs.)
 */
export function blockingTime(main: MainThread): { byLength: number; byCpu: number } {
  let byLength = 0;
  let byCpu = 0;
  for (const task of main.tasks) {
    if (task.ts < main.fcpTs) continue;
    byLength += Math.max(0, (task.dur! * 4) / 1000 - 50);
    byCpu += Math.max(0, ((task.tdur ?? task.dur!) * 4) / 1000 - 50);
  }
  return { byLength, byCpu };
}
