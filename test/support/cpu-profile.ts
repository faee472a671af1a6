// V8 CPU profiles (CDP Profiler) named through the build's source maps, for the benches that look at where a
// phone's time goes: `npm run build -- --sourcemap` first, or every frame is named by its bundle only.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import type { CDPSession } from 'playwright-core';
import { DIST } from './dist-files';

export interface ProfileNode { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string }; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const maps = new Map<string, SourceMapConsumer | null>();

/** "src/db/outbox.ts:31 finaliseCase", "dexie:1547 filter", "(program)", "/floor.js:belowFloor". */
export function frameName(frame: ProfileNode['callFrame']): string {
  const file = frame.url.replace(/^https?:\/\/[^/]+/, '');
  if (!file) return frame.functionName || '(native)';
  if (!file.startsWith('/assets/')) return `${file}:${frame.functionName || '(top)'}`;
  if (!maps.has(file)) maps.set(file, existsSync(`${DIST}${file}.map`) ? new SourceMapConsumer(JSON.parse(readFileSync(`${DIST}${file}.map`, 'utf8')) as RawSourceMap) : null);
  const map = maps.get(file);
  if (!map) return `${file}:${frame.functionName}`;
  const at = map.originalPositionFor({ line: Math.max(1, frame.lineNumber + 1), column: Math.max(0, frame.columnNumber) });
  const source = (at.source ?? file).replace(/^(\.\.\/)+/, '').replace(/^node_modules\/([^/]+)\/.*/, '$1');
  return `${source}:${at.line ?? '?'} ${at.name ?? (frame.functionName || '(top)')}`;
}

/** Self and total milliseconds by function, summed into `into` (divided by `share`, e.g. the number of runs). */
export function addProfile(profile: CpuProfile, into: { self: Map<string, number>; total: Map<string, number> }, share = 1): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const names = new Map<number, string>();
  const nameOf = (id: number) => names.get(id) ?? (names.set(id, frameName(byId.get(id)!.callFrame)), names.get(id)!);
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]!) / 1000 / share;
    const name = nameOf(id);
    if (name === '(idle)') return;
    busy += dt;
    into.self.set(name, (into.self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = nameOf(at);
      if (!seen.has(n)) { seen.add(n); into.total.set(n, (into.total.get(n) ?? 0) + dt); }
    }
  });
  return busy;
}

export async function startProfile(cdp: CDPSession, intervalUs = 100): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

export async function stopProfile(cdp: CDPSession): Promise<CpuProfile> {
  return ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
}

export function printProfile(title: string, into: { self: Map<string, number>; total: Map<string, number> }, rows = { self: 20, total: 30 }): void {
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(title);
  console.log('  self time:');
  for (const [k, v] of top(into.self, rows.self)) console.log(`    ${v.toFixed(1).padStart(7)}  ${k}`);
  console.log('  total time (the function and what it called):');
  for (const [k, v] of top(into.total, rows.total)) console.log(`    ${v.toFixed(1).padStart(7)}  ${k}`);
}
