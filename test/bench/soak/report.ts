// The soak's printed report: per route, the cases, the verification, memory, event-loop delay.
import type { Ledger } from './ledger';
import { PROTOCOL_NORMAL, quantile, type Stats } from './stats';
import type { Verdict } from './verify';
import type { WatchSample } from './watch';

const f = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

export function routeTable(stats: Stats, seconds: number): string[] {
  const lines = ['route                                 count    req/s  errors  answers                          p50 ms   p99 ms   max ms'];
  const all: number[] = [];
  for (const [name, r] of [...stats.routes].sort((a, b) => b[1].count - a[1].count)) {
    const answers = [...r.statuses].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s}×${n}`).join(' ');
    lines.push(`${name.padEnd(36)} ${f(r.count).padStart(6)} ${f(r.count / seconds, 1).padStart(8)} ${f(r.errors).padStart(7)}  ${answers.padEnd(31)} ${f(quantile(r.ms, 0.5), 1).padStart(7)} ${f(quantile(r.ms, 0.99), 1).padStart(8)} ${f(Math.max(...r.ms), 0).padStart(8)}`);
    all.push(...r.ms);
  }
  lines.push(`${'all'.padEnd(36)} ${f(stats.requests).padStart(6)} ${f(stats.requests / seconds, 1).padStart(8)} ${f(stats.errors).padStart(7)}  ${''.padEnd(31)} ${f(quantile(all, 0.5), 1).padStart(7)} ${f(quantile(all, 0.99), 1).padStart(8)}`);
  lines.push('protocol-normal answers (not errors): ' + Object.entries(PROTOCOL_NORMAL).map(([route, list]) => `${route} ${list.map((n) => n.status).join('/')}`).join('; '));
  return lines;
}

/** Least-squares slope (per unit of x) and the residuals' standard deviation. */
function fit(xs: number[], ys: number[]): { slope: number; sigma: number } {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  const res = xs.map((x, i) => ys[i]! - (my + slope * (x - mx)));
  return { slope, sigma: Math.sqrt(mean(res.map((r) => r * r))) };
}

export interface MemoryVerdict { lines: string[]; flat: boolean }

/**
 * Memory from minute 2 on (the first minute is the ramp). Flat: the line fitted through the samples from minute 2
 * to the end rises less, over that span, than twice the samples' own scatter around it plus 2% of the RSS.
 */
export function memory(samples: WatchSample[], seconds: number, fromS = 60): MemoryVerdict {
  const rss = samples.filter((s) => s.rssMb !== undefined && s.atS >= fromS);
  const lines = [`server RSS MB every ~10 s: ${samples.map((s) => (s.rssMb === undefined ? '·' : f(s.rssMb))).join(' ')}`];
  const series = (pick: (s: WatchSample) => number | undefined) => samples.map((s) => { const x = pick(s); return x === undefined ? '·' : f(x); }).join(' ');
  lines.push(`  of which anonymous:       ${series((s) => s.anonMb)}`);
  lines.push(`  file-backed and shared:   ${series((s) => s.fileMb)}`);
  lines.push(`server JS heap used MB:    ${series((s) => s.heapMb)}`);
  lines.push(`server external memory MB: ${series((s) => s.externalMb)}`);
  if (rss.length < 4) return { lines: [...lines, 'too few samples for a memory verdict'], flat: true };
  const minute2 = rss.filter((s) => s.atS < fromS + 60).map((s) => s.rssMb!);
  const last = rss.filter((s) => s.atS >= seconds - 60).map((s) => s.rssMb!);
  const heap2 = rss.filter((s) => s.atS < fromS + 60 && s.heapMb !== undefined).map((s) => s.heapMb!);
  const heapLast = rss.filter((s) => s.atS >= seconds - 60 && s.heapMb !== undefined).map((s) => s.heapMb!);
  const { slope, sigma } = fit(rss.map((s) => s.atS / 60), rss.map((s) => s.rssMb!));
  const span = (rss.at(-1)!.atS - rss[0]!.atS) / 60;
  const rise = slope * span;
  const allowed = 2 * sigma + 0.02 * mean(minute2);
  lines.push(`RSS minute 2 mean ${f(mean(minute2), 1)} MB, last minute ${f(mean(last), 1)} MB (${f(mean(last) - mean(minute2), 1)}); fitted ${f(slope, 2)} MB/min = ${f(rise, 1)} MB over ${f(span, 1)} min, scatter σ ${f(sigma, 1)} MB; flat if rise < 2σ + 2% = ${f(allowed, 1)} MB`);
  const part = (pick: (s: WatchSample) => number | undefined, inWindow: (s: WatchSample) => boolean) => mean(rss.filter((s) => inWindow(s) && pick(s) !== undefined).map((s) => pick(s)!));
  const early = (s: WatchSample) => s.atS < fromS + 60;
  const late = (s: WatchSample) => s.atS >= seconds - 60;
  lines.push(`heap used minute 2 mean ${f(mean(heap2), 1)} MB, last minute ${f(mean(heapLast), 1)} MB; anonymous ${f(part((s) => s.anonMb, early), 1)} → ${f(part((s) => s.anonMb, late), 1)} MB, file-backed ${f(part((s) => s.fileMb, early), 1)} → ${f(part((s) => s.fileMb, late), 1)} MB, external ${f(part((s) => s.externalMb, early), 1)} → ${f(part((s) => s.externalMb, late), 1)} MB`);
  return { lines, flat: rise < allowed };
}

export function eventLoop(samples: WatchSample[]): string[] {
  const w = samples.filter((s) => s.loop && s.loop.p50 > 0); // an empty window (a restart) reads 0
  if (w.length === 0) return ['event-loop delay: no samples'];
  const p50s = w.map((s) => s.loop!.p50);
  const p99s = w.map((s) => s.loop!.p99);
  const max = Math.max(...w.map((s) => s.loop!.max));
  const less = (x: number) => f(Math.max(0, x - 10), 1);
  return [
    `server event-loop delay, ${w.length} windows of ~10 s (monitorEventLoopDelay, 10 ms resolution; minus the 10 ms interval in brackets):`,
    `  p50 median of windows ${f(quantile(p50s, 0.5), 1)} ms (${less(quantile(p50s, 0.5))}), p99 median ${f(quantile(p99s, 0.5), 1)} ms (${less(quantile(p99s, 0.5))}), worst window p99 ${f(Math.max(...p99s), 1)} ms (${less(Math.max(...p99s))}), max ${f(max, 1)} ms (${less(max)})`,
    `  p99 per window: ${p99s.map((x) => f(x, 0)).join(' ')}`,
    `server CPU % of one core per window: ${samples.map((s) => (s.cpuPct === undefined ? '·' : f(s.cpuPct))).join(' ')}`,
    `load generator CPU % of one core: median ${f(quantile(samples.map((s) => s.selfCpuPct), 0.5), 0)}, worst ${f(Math.max(...samples.map((s) => s.selfCpuPct)), 0)}`,
    `load generator's own event-loop p99 per window (ms): median ${f(quantile(samples.map((s) => s.selfLoopP99), 0.5), 0)}, worst ${f(Math.max(...samples.map((s) => s.selfLoopP99)), 0)}`,
    `machine load average (1 min) during the run: ${f(Math.min(...samples.map((s) => s.load1)), 1)}–${f(Math.max(...samples.map((s) => s.load1)), 1)}, median ${f(quantile(samples.map((s) => s.load1), 0.5), 1)}`,
  ];
}

export function casesAndVerdict(ledger: Ledger, v: Verdict, extra: { returned: number; appraised: number; queued: number; parked: number }): string[] {
  const list = (xs: string[]) => (xs.length ? `${xs.length}: ${xs.slice(0, 10).join(', ')}` : '0');
  return [
    `cases: ${f(ledger.created)} created, ${f(ledger.revised)} new revisions (edits of returned cases), ${f(ledger.replays)} receipts that were replays (${f(ledger.lostAnswers)} answers lost on purpose); reviewers appraised ${f(extra.appraised)}, returned ${f(extra.returned)}`,
    `verification: ${f(v.acknowledged)} cases acknowledged to phones, ${f(v.serverCases)} on the server; lost ${list(v.lost)}; stale or different ${list(v.staleOrWrong)}; duplicates ${list(v.duplicates)}; revisions no phone was told of ${list(v.unacknowledgedRevisions)}; server cases no phone has a receipt for ${v.unacknowledgedCases}`,
    `left on phones after the drain: ${extra.queued} queued, ${extra.parked} parked`,
  ];
}
