// Lighthouse 12 on the built app, mobile form factor (throttled "slow 4G", a mid-range phone).
//   npm run build && npx tsx test/bench/lighthouse.ts [/path …]      (default: / and /bo-nho)
// Prints category scores, the core metrics and every audit that lost points. Not a test: it builds nothing,
// asserts nothing, and its numbers are for the closing note and for noticing regressions.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDist } from '../support/static-server';
import { CHROMIUM_PATH } from '../support/browser';

const CLI = fileURLToPath(new URL('../../node_modules/lighthouse/cli/index.js', import.meta.url));
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];

interface Audit { title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }
interface Report {
  categories: Record<string, { title: string; score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
  runWarnings: string[];
}

function lighthouse(url: string): Promise<Report> {
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
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
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

const pct = (s: number | null) => (s === null ? '  –' : String(Math.round(s * 100)).padStart(3));

const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/', '/bo-nho'];
const server = await serveDist();
let failed = false;
try {
  for (const path of paths) {
    const url = `${server.url}${path}`;
    const started = Date.now();
    const report = await lighthouse(url);
    console.log(`\nLighthouse 12 (mobile) ${path}  — ${((Date.now() - started) / 1000).toFixed(0)} s`);
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
    for (const w of report.runWarnings) console.log(`  warning: ${w}`);
  }
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
