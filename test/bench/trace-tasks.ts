// Probe (not a test): the main-thread tasks of a Lighthouse run's trace that cost the blocking time, and what ran
// in each — for finding what to make lighter. Lighthouse scales every task by 4 and counts, from the first
// contentful paint on, what each scaled task spends beyond 50 ms: here, the tasks over 12.5 ms. Each task's thread
// CPU time is printed beside its length: on a loaded machine a task waits for a core, so its length overstates
// the work, and the blocking time summed from CPU times is what a quiet machine would have shown.
//   npm run build -- --sourcemap && LIGHTHOUSE_ARTIFACTS=/tmp/lh npx tsx test/bench/lighthouse.ts --runs 1 /
//   npx tsx test/bench/trace-tasks.ts /tmp/lh_root_1
// With the build's source maps, each script call is named by its source module (src/…, or the package).
import { frameName } from '../support/cpu-profile';
import { blockingTime, readMainThread, type TraceEvent } from '../support/lighthouse-trace';

const folder = process.argv[2];
if (!folder) throw new Error('usage: trace-tasks.ts <artifacts folder>');
const main = readMainThread(folder);
const { events: onMain, tasks } = main;
const nav = { ts: main.navigationTs };
const fcp = { ts: main.fcpTs };
const ms = (us: number) => (us / 1000).toFixed(1);
console.log(`first contentful paint ${ms(fcp.ts - nav.ts)} ms (observed, unscaled); tasks over 12.5 ms:`);
for (const task of tasks) {
  const after = task.ts >= fcp.ts;
  if (task.dur! < 12_500) continue;
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
const blocking = blockingTime(main);
console.log(`blocking time, scaled by 4 as Lighthouse does (from FCP): ${blocking.byLength.toFixed(0)} ms by the tasks' lengths, ${blocking.byCpu.toFixed(0)} ms by their CPU time`);
