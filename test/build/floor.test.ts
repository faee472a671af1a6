// The floor check (public/floor.js) as the built app ships it: a classic script index.html runs before the app's
// module, in syntax every old browser parses, precached so its page shows offline too. Reads dist/.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSize, htmlTags, kb, readDist, readPrecache, toDistPath } from '../support/dist-files';

test('index.html runs /floor.js as a classic script, after #app and both floor pages', () => {
  const html = readDist('index.html');
  const floor = htmlTags(html, 'script').filter((s) => s.src === '/floor.js');
  assert.is(floor.length, 1, 'one <script src="/floor.js">');
  assert.is(floor[0]!.type, undefined, 'classic: a browser without modules runs it too');
  assert.not.ok('async' in floor[0]! || 'defer' in floor[0]!, 'it runs before the module, while the page is parsed');
  const at = html.indexOf('src="/floor.js"');
  for (const id of ['id="app"', 'id="floor-old"', 'id="floor-http"']) {
    assert.ok(html.indexOf(id) >= 0 && html.indexOf(id) < at, `${id} comes before the script`);
  }
  for (const id of ['floor-old', 'floor-http']) {
    assert.ok(htmlTags(html, 'div').some((m) => m.id === id && 'hidden' in m), `#${id} is hidden until needed`);
  }
});

test('floor.js is old syntax (no arrow, let/const, class, template, ?. or ??) and small', () => {
  const js = readDist('floor.js').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'/g, "''");
  for (const [what, re] of [['arrow', /=>/], ['let/const', /\b(let|const)\s/], ['class', /\bclass\s+\w/], ['template', /`/], ['?.', /\?\./], ['??', /\?\?/]] as const) {
    assert.not.match(js, re, `floor.js uses ${what}`);
  }
  assert.not.throws(() => new Function(readDist('floor.js')), 'it parses');
  const size = gzipSize('floor.js');
  console.log(`  floor.js: ${kb(size)} gzip`);
  assert.ok(size <= 2048, `floor.js is ${kb(size)} gzip`);
});

test('floor.js and index.html are precached', () => {
  const urls = new Set(readPrecache().map((e) => toDistPath(e.url)));
  assert.ok(urls.has('floor.js'), 'floor.js');
  assert.ok(urls.has('index.html'), 'index.html');
});

test.run();
