// Probe (not a test): the main-thread tasks of a Lighthouse run's trace that cost the blocking time, and what ran
// in each — for finding what to make lighter. Lighthouse scales every task by 4 and counts, from the first
// contentful paint on, what each scaled task spends beyond 50 ms: here, the tasks over 12.5 ms. Each task's thread
// CPU time is printed beside its length: on a loaded machine a task waits for a core, so its length overstates
// the work, and the blocking time summed from CPU times is what a quiet machine would have shown.
//   npm run build -- --sourcemap && LIGHTHOUSE_ARTIFACTS=/tmp/lh npx tsx test/bench/lighthouse.ts --runs 1 /
//   npx tsx test/bench/trace-tasks.ts /tmp/lh_root_1
// With the build's source maps, each script call is named by its source module (src/…, or the package).
import { readFileSync } from 'node:fs';
import { frameName } from '../support/cpu-profile';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { data?: Record<string, unknown>; name?: string } }

const folder = process.argv[2];
if (!folder) throw new Error('usage: trace-tasks.ts <artifacts folder>');
const events = (JSON.parse(readFileSync(`${folder}/defaultPass.trace.json`, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;

// Where Lighthouse put the navigation and the first contentful paint (its report, in the same folder).
const metrics = (JSON.parse(readFileSync(`${folder}/lhr.report.json`, 'utf8')) as { audits: { metrics: { details: { items: Array<Record<string, number>> } } } }).audits.metrics.details.items[0]!;
const nav = { ts: metrics.observedNavigationStartTs! };
const fcp = { ts: metrics.observedFirstContentfulPaintTs! };
const commit = events.find((e) => e.name === 'TracingStartedInBrowser') ?? events[0]!;
const frames = ((commit.args?.data as { frames?: Array<{ processId: number; parent?: string; url: string }> })?.frames ?? []).filter((f) => !f.parent);
const pids = new Set(frames.map((f) => f.processId));
const renderers = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pids.size === 0 || pids.has(e.pid)));
// The renderer main thread that ran the most in the run: the page's.
const busiest = renderers.map((t) => ({ t, busy: events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'RunTask' && e.ts >= nav.ts).reduce((n, e) => n + (e.dur ?? 0), 0) }))
  .sort((a, b) => b.busy - a.busy)[0]!;
const main = busiest.t;
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ts >= nav.ts);
const ms = (us: number) => (us / 1000).toFixed(1);
console.log(`first contentful paint ${ms(fcp.ts - nav.ts)} ms (observed, unscaled); tasks over 12.5 ms:`);
let blocking = 0;
let blockingCpu = 0;
for (const task of tasks) {
  const after = task.ts >= fcp.ts;
  if (after) blockingCpu += Math.max(0, (task.tdur ?? task.dur!) * 4 / 1000 - 50);
  if (task.dur! < 12_500) continue;
  if (after) blocking += Math.max(0, task.dur! * 4 / 1000 - 50);
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
  // Self time by event name: each event's time less its direct children's.
  const self = new Map<string, number>();
  const all = [task, ...inside];
  for (const e of all) {
    let own = e.dur!;
    let covered = e.ts;
    for (const c of all) {
      if (c === e || c.ts < covered || c.ts + c.dur! > e.ts + e.dur!) continue;
      if (c.ts === e.ts && c.dur! >= e.dur! && all.indexOf(c) < all.indexOf(e)) continue;
      own -= c.dur!;
      covered = c.ts + c.dur!;
    }
    self.set(e.name, (self.get(e.name) ?? 0) + Math.max(0, own));
  }
  const calls = new Map<string, number>();
  for (const e of inside) {
    if (e.name !== 'FunctionCall' && e.name !== 'EvaluateScript' && e.name !== 'v8.evaluateModule') continue;
    const d = e.args?.data as { url?: string; lineNumber?: number; columnNumber?: number; functionName?: string } | undefined;
    const key = d?.url ? frameName({ url: d.url, lineNumber: (d.lineNumber ?? 1) - 1, columnNumber: (d.columnNumber ?? 1) - 1, functionName: d.functionName ?? '' }) : e.name;
    calls.set(key, (calls.get(key) ?? 0) + e.dur!);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
  console.log(`${ms(task.ts - nav.ts).padStart(8)} ms  ${ms(task.dur!).padStart(6)} ms (CPU ${ms(task.tdur ?? 0)})${after ? '' : ' (before FCP)'}\n    self: ${top(self, 7)}\n    calls: ${top(calls, 5)}`);
}
console.log(`blocking time, scaled by 4 as Lighthouse does (from FCP): ${blocking.toFixed(0)} ms by the tasks' lengths, ${blockingCpu.toFixed(0)} ms by their CPU time`);
