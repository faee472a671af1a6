// Reads the built app (dist/) the way a phone meets it: the precache manifest injected into sw.js,
// the scripts dist/index.html loads, and the static import graph behind them (lazy chunks excluded).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** dist/, or GS_DIST (a private build folder, so parallel work can build without replacing dist/). */
export const DIST = (process.env.GS_DIST?.replace(/\/?$/, '/')) ?? fileURLToPath(new URL('../../dist/', import.meta.url));

export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

export function distPath(rel: string): string {
  return DIST + rel;
}

export function readDist(rel: string): string {
  const file = distPath(rel);
  if (!existsSync(file)) throw new Error(`dist/${rel} is missing: run \`npm run build\` first`);
  return readFileSync(file, 'utf8');
}

/** Every file under dist/, as paths relative to it ("assets/index-abc.js"). */
export function distFiles(dir = ''): string[] {
  return readdirSync(DIST + dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? distFiles(`${dir}${d.name}/`) : [`${dir}${d.name}`],
  );
}

/** The list workbox-build injected in place of self.__WB_MANIFEST. */
export function readPrecache(): PrecacheEntry[] {
  const sw = readDist('sw.js');
  const start = sw.search(/\[\s*\{\s*"(?:revision|url)"\s*:/);
  if (start < 0) throw new Error('no precache manifest found in dist/sw.js');
  let depth = 0;
  let inString = false;
  for (let i = start; i < sw.length; i++) {
    const c = sw[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return JSON.parse(sw.slice(start, i + 1)) as PrecacheEntry[];
    }
  }
  throw new Error('unterminated precache manifest in dist/sw.js');
}

/** "/assets/x.js", "./assets/x.js", "assets/x.js" → "assets/x.js" (base "/" only). */
export function toDistPath(url: string, from = ''): string {
  const clean = url.split(/[?#]/)[0]!;
  if (clean.startsWith('/')) return posix.normalize(clean.slice(1));
  return posix.normalize(posix.join(posix.dirname(from || 'index.html'), clean));
}

/** The attributes of every <name …> tag in the HTML (names lower-cased). */
export function htmlTags(html: string, name: string): Array<Record<string, string>> {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))].map((m) => attrs(m[1]!));
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

export interface HtmlAssets {
  /** <script type="module" src>: the entry points. */
  scripts: string[];
  /** <link rel="modulepreload" href>. */
  preloads: string[];
  /** <link rel="stylesheet" href>. */
  styles: string[];
}

export function htmlAssets(html: string): HtmlAssets {
  const res: HtmlAssets = { scripts: [], preloads: [], styles: [] };
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const a = attrs(m[2]!);
    if (m[1]!.toLowerCase() === 'script') {
      if (a.src && a.type === 'module') res.scripts.push(toDistPath(a.src));
    } else if (a.href) {
      const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('modulepreload')) res.preloads.push(toDistPath(a.href));
      if (rel.includes('stylesheet')) res.styles.push(toDistPath(a.href));
    }
  }
  return res;
}

/**
 * Specifiers of static `import … from "x"`, `import "x"` and `export … from "x"` in built (minified) code.
 * `import("x")` is lazy and is not matched: after the keyword comes "(", which neither branch accepts.
 */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?<![\w$.])(?:import|export)\s*(?:[^"'();=]*?\bfrom\s*)?["']([^"'\n]+)["']/g)) {
    out.push(m[1]!);
  }
  return out;
}

/** The given JS files plus everything they import statically, transitively (dist-relative paths). */
export function staticGraph(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readDist(file))) {
      if (!/^(\.{1,2}\/|\/)/.test(spec)) throw new Error(`${file} imports a bare specifier "${spec}"`);
      queue.push(toDistPath(spec, file));
    }
  }
  return [...seen];
}

/** What the first screen needs: index.html's module scripts, modulepreloads, and their static graph. */
export function initialJs(): string[] {
  const html = htmlAssets(readDist('index.html'));
  return staticGraph([...html.scripts, ...html.preloads.filter((p) => p.endsWith('.js'))]);
}

export function gzipSize(rel: string): number {
  return gzipSync(readFileSync(distPath(rel)), { level: 9 }).length;
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
