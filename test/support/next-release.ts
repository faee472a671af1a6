// A second release of the built app, made from dist/ without a second build: every hashed file under assets/ gets a
// new name (its hash + "n2") and every reference to it in the scripts, styles, index.html and sw.js follows, and
// sw.js's precache revisions change. To a browser it is a new deploy: a new service worker whose precache lists
// none of the old names, and an old tab's lazy files are gone from dist/ unless something kept them.
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { retainAssets } from '../../src/server/static/retain';

const HASHED = /^(.+-[A-Za-z0-9_-]{8})(\.(?:js|css))$/;
const TEXT = new Set(['.js', '.css', '.html', '.webmanifest', '.json']);

export interface NextRelease {
  dir: string;
  /** Old asset name → new asset name ("case-schema-CzeHzcTJ.js" → "case-schema-CzeHzcTJn2.js"). */
  renamed: Map<string, string>;
}

export function makeNextRelease(from: string, dir: string): NextRelease {
  rmSync(dir, { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
  const renamed = new Map<string, string>();
  for (const name of readdirSync(join(dir, 'assets'))) {
    const m = HASHED.exec(name);
    if (!m) continue;
    const next = `${m[1]}n2${m[2]}`;
    renameSync(join(dir, 'assets', name), join(dir, 'assets', next));
    renamed.set(name, next);
  }
  const anyOld = new RegExp([...renamed.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  for (const file of textFiles(dir)) {
    let text = readFileSync(file, 'utf8').replace(anyOld, (old) => renamed.get(old)!);
    if (file === join(dir, 'sw.js')) text = text.replace(/"revision":"([0-9a-f]+)"/g, '"revision":"$1n2"');
    writeFileSync(file, text);
  }
  return { dir, renamed };
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && TEXT.has(extname(d.name)))
    .map((d) => join(d.parentPath, d.name));
}

/** What `npm run build` does to the served folder: keep its hashed files aside (when `retain`), then replace it. */
export function deploy(release: string, site: string, o: { retain: boolean }): void {
  if (o.retain) retainAssets(site);
  rmSync(site, { recursive: true, force: true });
  cpSync(release, site, { recursive: true });
}
