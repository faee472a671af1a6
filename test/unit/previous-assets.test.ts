// The previous releases' hashed files kept beside dist/ by each build (src/server/static/retain.ts): a file is
// dated by the last build that had it, and removed ASSET_RETENTION_DAYS after that.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSET_RETENTION_DAYS, previousAssetsDir, retainAssets, retentionDays } from '../../src/server/static/retain';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 1, 3);
const work = mkdtempSync(join(tmpdir(), 'gs-retain-'));
const site = join(work, 'dist');

/** A release: dist/ holds exactly these hashed files (what a build leaves). */
function release(...names: string[]): void {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, 'assets'), { recursive: true });
  for (const name of names) writeFileSync(join(site, 'assets', name), `/* ${name} */`);
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
}

const kept = () => readdirSync(previousAssetsDir(site)).sort();

test.after(() => rmSync(work, { recursive: true, force: true }));

test('the folder is beside dist/, so a build emptying dist/ leaves it', () => {
  assert.is(previousAssetsDir(site), join(work, 'dist-previous', 'assets'));
});

test('each build keeps the files it replaces; a file goes ASSET_RETENTION_DAYS after the last build that had it', () => {
  release('index-AAAA1111.js', 'case-schema-BBBB2222.js', 'lib-CCCC3333.js');
  assert.equal(retainAssets(site, { now: T0 }), { kept: 3, removed: 0 });

  // Ten days later a release keeps lib-CCCC3333.js and replaces the other two.
  release('index-DDDD4444.js', 'case-schema-EEEE5555.js', 'lib-CCCC3333.js');
  assert.equal(retainAssets(site, { now: T0 + 10 * DAY }), { kept: 5, removed: 0 });
  assert.is(readFileSync(join(previousAssetsDir(site), 'case-schema-BBBB2222.js'), 'utf8'), '/* case-schema-BBBB2222.js */');
  assert.is(statSync(join(previousAssetsDir(site), 'lib-CCCC3333.js')).mtimeMs, T0 + 10 * DAY, 'dated by the last build that had it');

  // 30 days after the first build: nothing is older than 30 days since it was live.
  release('index-FFFF6666.js', 'case-schema-EEEE5555.js');
  assert.equal(retainAssets(site, { now: T0 + 30 * DAY }), { kept: 6, removed: 0 });

  // Just past 30 days after the build that replaced them: the first release's own files go; lib stays (live until day 10 + 30).
  assert.equal(retainAssets(site, { now: T0 + 30 * DAY + 1 }), { kept: 4, removed: 2 });
  assert.equal(kept(), ['case-schema-EEEE5555.js', 'index-DDDD4444.js', 'index-FFFF6666.js', 'lib-CCCC3333.js']);
  assert.ok(existsSync(join(site, 'assets', 'index-FFFF6666.js')), 'dist/ itself is never touched');
});

test('ASSET_RETENTION_DAYS: a whole number of days, else the default; 0 keeps only what a build replaces', () => {
  assert.is(retentionDays(undefined), ASSET_RETENTION_DAYS);
  assert.is(retentionDays(''), ASSET_RETENTION_DAYS);
  assert.is(retentionDays('7'), 7);
  assert.is(retentionDays('-1'), ASSET_RETENTION_DAYS);
  assert.is(retentionDays('1.5'), ASSET_RETENTION_DAYS);
  assert.is(retentionDays('0'), 0);
  release('index-GGGG7777.js');
  retainAssets(site, { now: T0 + 40 * DAY, days: 0 });
  assert.equal(kept(), ['index-GGGG7777.js']);
});

test('no dist/ yet (a first build): nothing to keep, no error', () => {
  const fresh = join(work, 'fresh-dist');
  assert.equal(retainAssets(fresh, { now: T0 }), { kept: 0, removed: 0 });
});

test.run();
