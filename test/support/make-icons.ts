// Regenerates the committed icons (public/favicon.svg, public/apple-touch-icon.png, public/icons/*.png):
//   npx tsx test/support/make-icons.ts
// Needs ImageMagick `convert` (a dev-machine tool, not in CI: the PNGs are committed, never built).
// The emblem: a bright mirror (cream disc, gold rim and rays) holding a red star — "Gương Sáng".
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RED = '#9b1c1c';
const CREAM = '#fffaf3';
const GOLD = '#f6c343';

function star(cx: number, cy: number, outer: number, inner: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = ((-90 + i * 36) * Math.PI) / 180;
    const r = i % 2 === 0 ? outer : inner;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

/** The emblem on a 512 grid, scaled about the centre; rays reach radius 201 before scaling. */
function emblem(scale: number): string {
  const rays: string[] = [];
  for (let i = 0; i < 12; i++) {
    const a = (i * 30 * Math.PI) / 180;
    const [x1, y1, x2, y2] = [154, 154, 190, 190].map((r, k) => 256 + r * (k % 2 === 0 ? Math.cos(a) : Math.sin(a)));
    rays.push(`<line x1="${x1!.toFixed(1)}" y1="${y1!.toFixed(1)}" x2="${x2!.toFixed(1)}" y2="${y2!.toFixed(1)}"/>`);
  }
  const transform = scale === 1 ? '' : ` transform="translate(256 256) scale(${scale}) translate(-256 -256)"`;
  return `<g${transform}>
<g stroke="${GOLD}" stroke-width="22" stroke-linecap="round" fill="none">${rays.join('')}</g>
<circle cx="256" cy="256" r="128" fill="${CREAM}" stroke="${GOLD}" stroke-width="16"/>
<polygon points="${star(256, 264, 84, 34)}" fill="${RED}" stroke="none"/>
</g>`;
}

function svg(opts: { rounded: boolean; scale: number }): string {
  const bg = opts.rounded
    ? `<rect width="512" height="512" rx="112" fill="${RED}" stroke="none"/>`
    : `<rect width="512" height="512" fill="${RED}" stroke="none"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
${bg}
${emblem(opts.scale)}
</svg>
`;
}

function render(source: string, out: string, size: number, opaque: boolean): void {
  const dir = mkdtempSync(join(tmpdir(), 'icons-'));
  try {
    const file = join(dir, 'icon.svg');
    writeFileSync(file, source);
    const args = ['-background', opaque ? RED : 'none', file, '-resize', `${size}x${size}`];
    if (opaque) args.push('-alpha', 'remove', '-alpha', 'off');
    // 64 colours in a palette halve the bytes every phone precaches, with no visible loss on flat artwork.
    args.push('-strip', '-depth', '8', '-colors', '64', '-define', 'png:compression-level=9', opaque ? `PNG8:${out}` : out);
    execFileSync('convert', args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pub = fileURLToPath(new URL('../../public', import.meta.url));
mkdirSync(join(pub, 'icons'), { recursive: true });
const tile = svg({ rounded: true, scale: 1 });
writeFileSync(join(pub, 'favicon.svg'), tile);
render(tile, join(pub, 'icons/icon-192.png'), 192, false);
render(tile, join(pub, 'icons/icon-512.png'), 512, false);
// Maskable: full-bleed background; the emblem (radius ≤ 201 × 0.88 ≈ 177) stays inside the 80 % safe circle (205).
render(svg({ rounded: false, scale: 0.88 }), join(pub, 'icons/icon-maskable-512.png'), 512, true);
// iOS rounds the corners itself and shows transparency as black: opaque, full-bleed.
render(svg({ rounded: false, scale: 0.92 }), join(pub, 'apple-touch-icon.png'), 180, true);
console.log('icons written to public/');
