// Size budgets, measured deterministically on dist/ (gzip level 9, each file on its own):
//  - the JavaScript needed to show the capture form: index.html's entry + modulepreloads + their static
//    imports (no lazy chunk, no worker) ≤ 60 KB — a cheap phone on 2G parses this before anything shows;
//  - everything the service worker precaches ≤ 300 KB — downloaded once per version, often on paid data.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSize, htmlAssets, initialJs, kb, readDist, readPrecache, toDistPath } from '../support/dist-files';

const INITIAL_JS_BUDGET = 60 * 1024;
const PRECACHE_BUDGET = 300 * 1024;

test(`first-screen JavaScript ≤ ${kb(INITIAL_JS_BUDGET)} gzip`, () => {
  const files = initialJs();
  assert.ok(files.length > 0, 'no entry script found in dist/index.html');
  assert.not.ok(files.some((f) => /(^|\/)(review-|worker)[^/]*\.js$/.test(f)), 'a lazy/worker chunk is loaded up front');
  const sizes = files.map((f) => [f, gzipSize(f)] as const).sort((a, b) => b[1] - a[1]);
  const total = sizes.reduce((n, [, s]) => n + s, 0);
  const css = htmlAssets(readDist('index.html')).styles.reduce((n, f) => n + gzipSize(f), 0);
  console.log(`  first-screen JS: ${kb(total)} gzip in ${files.length} file(s) (budget ${kb(INITIAL_JS_BUDGET)}); CSS ${kb(css)} gzip`);
  for (const [f, s] of sizes) console.log(`    ${kb(s).padStart(9)}  ${f}`);
  assert.ok(total <= INITIAL_JS_BUDGET, `first-screen JS is ${kb(total)} gzip, over the ${kb(INITIAL_JS_BUDGET)} budget`);
});

test(`whole precache ≤ ${kb(PRECACHE_BUDGET)} gzip`, () => {
  const files = readPrecache().map((e) => toDistPath(e.url));
  const sizes = files.map((f) => [f, gzipSize(f)] as const).sort((a, b) => b[1] - a[1]);
  const total = sizes.reduce((n, [, s]) => n + s, 0);
  console.log(`  precache: ${kb(total)} gzip in ${files.length} file(s) (budget ${kb(PRECACHE_BUDGET)}); largest:`);
  for (const [f, s] of sizes.slice(0, 8)) console.log(`    ${kb(s).padStart(9)}  ${f}`);
  assert.ok(total <= PRECACHE_BUDGET, `precache is ${kb(total)} gzip, over the ${kb(PRECACHE_BUDGET)} budget`);
});

test.run();
