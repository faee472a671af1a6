// The built service worker precaches everything a field phone needs offline — once each — and nothing
// from the reviewer screens; the web manifest makes the app installable. Reads dist/ (run the build first).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import {
  distFiles, distPath, htmlAssets, htmlTags, initialJs, readDist, readPrecache, staticGraph, toDistPath,
} from '../support/dist-files';

const ICONS = ['icons/icon-192.png', 'icons/icon-512.png', 'icons/icon-maskable-512.png'];

function precachedUrls(): string[] {
  return readPrecache().map((e) => toDistPath(e.url));
}

test('every precache entry is listed exactly once and exists in dist/', () => {
  const urls = precachedUrls();
  const dupes = urls.filter((u, i) => urls.indexOf(u) !== i);
  assert.equal(dupes, [], `precached more than once: ${dupes.join(', ')}`);
  // One missing file makes the whole install fail on the phone.
  const missing = urls.filter((u) => !existsSync(distPath(u)));
  assert.equal(missing, [], `precached but not built: ${missing.join(', ')}`);
  assert.not.ok(urls.includes('sw.js'), 'the service worker must not precache itself');
  assert.equal(urls.filter((u) => u.endsWith('.map')), [], 'no source maps in the precache');
});

test('the app shell, its first-screen chunks and styles are precached', () => {
  const urls = new Set(precachedUrls());
  assert.ok(urls.has('index.html'), 'index.html');
  const html = htmlAssets(readDist('index.html'));
  assert.ok(html.scripts.length > 0, 'index.html loads a module script');
  const needed = [...initialJs(), ...html.styles];
  const missing = needed.filter((f) => !urls.has(f));
  assert.equal(missing, [], `first-screen files not precached: ${missing.join(', ')}`);
});

test('the photo worker and what it imports are precached', () => {
  const workers = distFiles().filter((f) => /^assets\/worker[^/]*\.js$/.test(f));
  assert.ok(workers.length > 0, 'no assets/worker*.js in dist/: the photo worker was not built');
  const urls = new Set(precachedUrls());
  const missing = staticGraph(workers).filter((f) => !urls.has(f));
  assert.equal(missing, [], `photo worker files not precached: ${missing.join(', ')}`);
});

test('the web manifest and the icons are precached', () => {
  const urls = new Set(precachedUrls());
  for (const f of ['manifest.webmanifest', ...ICONS, 'favicon.svg', 'apple-touch-icon.png']) {
    assert.ok(urls.has(f), `${f} is not precached`);
  }
});

test('no reviewer chunk and no screenshot is precached', () => {
  const review = precachedUrls().filter((u) => /(^|\/)review-[^/]*\.js$/.test(u));
  assert.equal(review, [], `reviewer chunks precached: ${review.join(', ')}`);
  const shots = precachedUrls().filter((u) => u.startsWith('screenshots/'));
  assert.equal(shots, [], `screenshots precached: ${shots.join(', ')}`);
});

test('sw.js is a classic script (no import/export, no dynamic import())', () => {
  const sw = readDist('sw.js');
  assert.not.match(sw, /(?<![\w$.])import\s*\(/, 'dynamic import() in sw.js');
  assert.not.match(sw, /(?<![\w$.])(import|export)\s*[{*"']/, 'module syntax in sw.js');
});

interface Icon { src: string; sizes: string; type: string; purpose?: string }

test('manifest.webmanifest: Vietnamese, standalone, themed, with 192/512/maskable icons', () => {
  const m = JSON.parse(readDist('manifest.webmanifest')) as Record<string, unknown> & { icons: Icon[] };
  assert.is(m.lang, 'vi');
  assert.is(m.display, 'standalone');
  assert.is(m.start_url, '/');
  assert.is(m.scope, '/');
  assert.is(m.theme_color, '#9b1c1c');
  assert.is(m.background_color, '#fffaf3');
  assert.type(m.name, 'string');
  assert.ok((m.short_name as string).length <= 12, 'short_name fits under a home-screen icon');
  const find = (size: string, purpose: string) =>
    m.icons.find((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose));
  assert.ok(find('192x192', 'any'), '192 icon');
  assert.ok(find('512x512', 'any'), '512 icon');
  assert.ok(find('512x512', 'maskable'), 'maskable icon');
});

/** Width, height, PNG colour type and whether a tRNS (palette transparency) chunk exists. */
function pngInfo(file: string): { width: number; height: number; colorType: number; tRNS: boolean } {
  const b = readFileSync(file);
  assert.equal([...b.subarray(1, 4)], [0x50, 0x4e, 0x47], `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25]!, tRNS: b.includes('tRNS') };
}

test('each manifest icon is a PNG of its declared size; maskable and apple-touch icons are opaque', () => {
  const m = JSON.parse(readDist('manifest.webmanifest')) as { icons: Icon[] };
  for (const icon of m.icons) {
    const info = pngInfo(distPath(toDistPath(icon.src)));
    assert.is(`${info.width}x${info.height}`, icon.sizes, icon.src);
    assert.is(icon.type, 'image/png');
    if (icon.purpose?.includes('maskable')) {
      // Full-bleed: colour type 2 (RGB) or 3 (palette) without tRNS means no transparent pixel at all.
      assert.ok([2, 3].includes(info.colorType) && !info.tRNS, `${icon.src} has transparency`);
    }
  }
  const apple = pngInfo(distPath('apple-touch-icon.png'));
  assert.is(`${apple.width}x${apple.height}`, '180x180');
  assert.ok([2, 3].includes(apple.colorType) && !apple.tRNS, 'apple-touch-icon.png has transparency');
});

test('index.html links the manifest, icons and theme colour', () => {
  const html = readDist('index.html');
  const links = htmlTags(html, 'link');
  const href = (rel: string) => links.find((l) => (l.rel ?? '').split(/\s+/).includes(rel))?.href;
  assert.is(href('manifest'), '/manifest.webmanifest', 'manifest link');
  assert.is(href('icon'), '/icons/icon-192.png', 'favicon link (a PNG: an SVG icon is a document of its own for the page to lay out)');
  assert.is(href('apple-touch-icon'), '/apple-touch-icon.png', 'apple-touch-icon link');
  const theme = htmlTags(html, 'meta').find((m) => m.name === 'theme-color');
  assert.is(theme?.content?.toLowerCase(), '#9b1c1c', 'theme-color meta');
  assert.is(htmlTags(html, 'html')[0]?.lang, 'vi', 'html lang="vi"');
  assert.ok(existsSync(distPath('robots.txt')), 'robots.txt is served (SEO audit)');
});

test.run();
