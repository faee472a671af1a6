// Lighthouse 12 on the built app, mobile form factor (throttled "slow 4G", a mid-range phone: Lighthouse's
// simulation, which runs the page unthrottled and scales its main-thread tasks by 4).
//   npm run build && npx tsx test/bench/lighthouse.ts [--runs N] [/path | form …]
// Default: /, /bo-nho and `form`: a new case's form (/ho-so/<id>). The form needs its draft stored on the phone,
// so it runs on a profile where "+ Ghi hồ sơ mới" was pressed, then the service worker, its caches and the HTTP
// cache were cleared (IndexedDB kept): like / and /bo-nho, everything comes from the network.
// Each path runs N times (default 3): one line per run, then the run with the median performance score in full
// (category scores, the core metrics, every audit that lost points, where the main thread's time went). Each run's
// line also gives, from its trace, the blocking time the tasks after the first paint make scaled by 4, by their
// lengths and by their CPU time (test/support/lighthouse-trace.ts): on a loaded machine the two differ — the first
// is what Lighthouse scores, the second the page's own work.
// LIGHTHOUSE_JSON=/tmp/lh keeps each median report as /tmp/lh_<path>.json; LIGHTHOUSE_ARTIFACTS=/tmp/lh keeps each
// run's artifacts, its trace among them, in /tmp/lh_<path>_<run>/ (test/bench/trace-tasks.ts reads one). Not a test: it builds nothing,
// asserts nothing, and its numbers are for the closing note and for noticing regressions. The machine's load
// average is printed: Lighthouse's CPU figures are this machine's, scaled.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from '../support/static-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser';
import { blockingTime, readMainThread } from '../support/lighthouse-trace';

const CLI = fileURLToPath(new URL('../../node_modules/lighthouse/cli/index.js', import.meta.url));
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];
const SHORT: Record<string, string> = {
  'first-contentful-paint': 'FCP', 'largest-contentful-paint': 'LCP', 'total-blocking-time': 'TBT', 'cumulative-layout-shift': 'CLS', 'speed-index': 'SI',
};

interface Audit { title: string; score: number | null; scoreDisplayMode: string; displayValue?: string; numericValue?: number; details?: { items?: Array<Record<string, unknown>> } }
interface Report {
  environment?: { benchmarkIndex?: number };
  categories: Record<string, { title: string; score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
  runWarnings: string[];
}

function lighthouse(url: string, profile?: string, artifacts?: string): Promise<Report> {
  const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', ...(profile ? [`--user-data-dir=${profile}`] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        url,
        '--output=json',
        '--output-path=stdout',
        '--quiet',
        '--form-factor=mobile',
        `--only-categories=${CATEGORIES.join(',')}`,
        `--chrome-flags=${chromeFlags.join(' ')}`,
        // The profile's draft must stay: Lighthouse would clear the origin's storage first.
        ...(profile ? ['--disable-storage-reset'] : []),
        ...(artifacts ? [`-GA=${artifacts}`] : []),
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited ${code}\n${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out) as Report);
      } catch (e) {
        reject(new Error(`lighthouse printed no JSON: ${(e as Error).message}\n${err.slice(-2000)}`));
      }
    });
  });
}

/** A profile holding one new draft (IndexedDB only); returns it and the draft's path. */
async function profileWithDraft(origin: string): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-lighthouse-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, serviceWorkers: 'allow', viewport: { width: 412, height: 823 },
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
    await page.locator('#subjectName').waitFor();
    const path = new URL(page.url()).pathname;
    await page.goto(`${origin}/robots.txt`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' });
    await cdp.send('Network.clearBrowserCache');
    return { dir, path };
  } finally {
    await context.close();
  }
}

const pct = (s: number | null) => (s === null ? '  –' : String(Math.round(s * 100)).padStart(3));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const paths = args.length > 0 ? args : ['/', '/bo-nho', 'form'];
const server = await serveDist();
let failed = false;
try {
  for (const wanted of paths) {
    const runs: Report[] = [];
    const blocking: Array<{ byLength: number; byCpu: number }> = [];
    let shown = wanted;
    for (let run = 1; run <= RUNS; run++) {
      const draft = wanted === 'form' ? await profileWithDraft(server.url) : undefined;
      const path = draft?.path ?? wanted;
      shown = wanted === 'form' ? `form (${path.replace(/[^/]+$/, '<id>')})` : wanted;
      const loadBefore = load();
      const started = Date.now();
      try {
        const artifacts = process.env.LIGHTHOUSE_ARTIFACTS ? `${process.env.LIGHTHOUSE_ARTIFACTS}_${wanted.replace(/\W+/g, '') || 'root'}_${run}` : mkdtempSync(join(tmpdir(), 'gs-lighthouse-run-'));
        runs.push(await lighthouse(`${server.url}${path}`, draft?.dir, artifacts));
        blocking.push(blockingTime(readMainThread(artifacts)));
        if (!process.env.LIGHTHOUSE_ARTIFACTS) rmSync(artifacts, { recursive: true, force: true });
      } finally {
        if (draft) rmSync(draft.dir, { recursive: true, force: true });
      }
      const r = runs.at(-1)!;
      const seen = (r.audits.metrics?.details?.items?.[0] ?? {}) as Record<string, number>;
      console.log(`${shown} run ${run}: performance ${pct(r.categories.performance!.score)}; ${Object.entries(SHORT).map(([id, name]) => `${name} ${r.audits[id]?.displayValue ?? '–'}`).join(', ')}`
        + `; observed unthrottled FCP ${seen.observedFirstContentfulPaint} ms, LCP ${seen.observedLargestContentfulPaint} ms;`
        + ` blocking after FCP ×4 by task lengths ${blocking.at(-1)!.byLength.toFixed(0)} ms, by their CPU time ${blocking.at(-1)!.byCpu.toFixed(0)} ms`
        + `  (${((Date.now() - started) / 1000).toFixed(0)} s, load average ${loadBefore}, Lighthouse's CPU benchmark index ${Math.round(r.environment?.benchmarkIndex ?? 0)})`);
    }
    const ranked = [...runs].sort((a, b) => (a.categories.performance!.score ?? 0) - (b.categories.performance!.score ?? 0));
    const report = ranked[Math.floor((ranked.length - 1) / 2)]!;
    console.log(`\nLighthouse 12 (mobile) ${shown}: performance ${runs.map((r) => pct(r.categories.performance!.score).trim()).join(', ')}; the median run:`);
    for (const id of CATEGORIES) {
      const c = report.categories[id];
      if (c) console.log(`  ${pct(c.score)}  ${c.title}`);
    }
    console.log('  metrics:');
    for (const id of METRICS) {
      const a = report.audits[id];
      if (a) console.log(`    ${(a.displayValue ?? '').padStart(8)}  ${a.title}`);
    }
    for (const id of CATEGORIES) {
      const lost = (report.categories[id]?.auditRefs ?? [])
        .map((ref) => ({ ref, audit: report.audits[ref.id] }))
        .filter(({ ref, audit }) => ref.weight > 0 && audit && audit.scoreDisplayMode !== 'notApplicable' && audit.score !== null && audit.score < 1);
      if (lost.length === 0) continue;
      console.log(`  lost points in ${id}:`);
      for (const { audit } of lost) console.log(`    ${pct(audit!.score)}  ${audit!.title}${audit!.displayValue ? ` (${audit!.displayValue})` : ''}`);
    }
    // Where the main thread's time went, in the simulated phone's milliseconds (the trace's × 4).
    const work = report.audits['mainthread-work-breakdown']?.details?.items ?? [];
    if (work.length) console.log(`  main thread: ${work.map((i) => `${i.groupLabel as string} ${Math.round(i.duration as number)} ms`).join(', ')}`);
    const boot = report.audits['bootup-time']?.details?.items ?? [];
    for (const i of boot.slice(0, 4)) console.log(`    script ${String(i.url).replace(server.url, '')}: total ${Math.round(i.total as number)} ms, evaluation ${Math.round(i.scripting as number)} ms`);
    const tasks = report.audits['long-tasks']?.details?.items ?? [];
    for (const t of tasks.slice(0, 6)) console.log(`    long task at ${Math.round(t.startTime as number)} ms: ${Math.round(t.duration as number)} ms (${String(t.url).replace(server.url, '')})`);
    if (process.env.LIGHTHOUSE_JSON) writeFileSync(`${process.env.LIGHTHOUSE_JSON}_${wanted.replace(/\W+/g, '') || 'root'}.json`, JSON.stringify(report));
    for (const w of new Set(runs.flatMap((r) => r.runWarnings))) console.log(`  warning: ${w}`);
    console.log('');
  }
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
