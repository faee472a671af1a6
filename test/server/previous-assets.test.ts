// After a deploy the server still answers the previous release's hashed files (kept beside dist/ by the build,
// src/server/static/retain.ts), for a tab opened before it; the new release's files win; nothing else is served
// from there; a file past its retention is a plain 404.
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachDatabase, rawGet } from './helpers';
import { call } from '../support/api-client';
import { previousAssetsDir, retainAssets } from '../../src/server/static/retain';

const work = mkdtempSync(join(tmpdir(), 'gs-previous-assets-'));
const site = join(work, 'dist');
const DAY = 24 * 60 * 60 * 1000;

function release(files: Record<string, string>): void {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Gương Sáng</title>');
  for (const [name, body] of Object.entries(files)) writeFileSync(join(site, 'assets', name), body);
}

// Release 1, then a deploy of release 2 as `npm run build` does it: retain, then replace dist/.
release({ 'case-schema-OLD11111.js': 'export const v = 1;', 'index-OLD22222.css': 'body{color:red}', 'shared-SAME3333.js': 'export const s = 1;' });
retainAssets(site);
release({ 'case-schema-NEW11111.js': 'export const v = 2;', 'shared-SAME3333.js': 'export const s = 2;' });
// A file retained by a build 31 days ago, past its time: removed by the next build's retainAssets.
const ancient = join(previousAssetsDir(site), 'ancient-OLD00000.js');
writeFileSync(ancient, 'export const a = 0;');
utimesSync(ancient, (Date.now() - 31 * DAY) / 1000, (Date.now() - 31 * DAY) / 1000);
retainAssets(site);
// Not an asset of any release: a file in the folder but outside assets/.
writeFileSync(join(work, 'dist-previous', 'secret.txt'), 'not for the web');

process.on('exit', () => rmSync(work, { recursive: true, force: true }));

forEachDatabase('previous release assets', (test) => {
  test('an old release file is served like a current one (immutable, typed); the current release wins a shared name', async ({ server }) => {
    const old = await call(server, '/assets/case-schema-OLD11111.js');
    assert.is(old.status, 200);
    assert.is(old.text, 'export const v = 1;');
    assert.is(old.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(old.headers.get('content-type') ?? '', /text\/javascript/);
    const css = await call(server, '/assets/index-OLD22222.css');
    assert.is(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);

    assert.is((await call(server, '/assets/case-schema-NEW11111.js')).text, 'export const v = 2;');
    assert.is((await call(server, '/assets/shared-SAME3333.js')).text, 'export const s = 2;');
  });

  test('only /assets/<file> comes from there; a file past its retention, or never built, is a 404, never the app shell', async ({ server }) => {
    for (const path of ['/assets/ancient-OLD00000.js', '/assets/nope-12345678.js', '/secret.txt', '/assets/../secret.txt', '/assets/..%2Fsecret.txt', '/assets/%2E%2E/secret.txt']) {
      const r = await rawGet(server.url, path);
      assert.ok(r.status === 404 || r.status === 400, `${path}: ${r.status}`);
      assert.not.match(r.text, /not for the web|<title>/, path);
    }
  });
}, { staticDir: site });
