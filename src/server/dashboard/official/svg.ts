// The official report's charts as SVG markup for its print page (the DOCX prints the same numbers as tables):
// horizontal bars (communes, movements) and the status of the period's cases month by month as stacked columns.
// Plain attributes only (the print page's CSP allows no style attribute); every label is escaped.
import type { StatusBucket } from '../../../shared/dashboard-protocol';
import { formatCount } from '../../../shared/format';
import { serverStatusNames, type AppraisalStatus } from '../../../shared/sync-protocol';
import { escapeXml } from '../../../shared/xml';

const WIDTH = 620;
const FONT = 'font-family="Times New Roman, Liberation Serif, serif"';

/** Bottom to top, as on the dashboard (review/dashboard/charts/StackedColumns.tsx), in print-friendly tones. */
export const STATUS_COLOURS: readonly [AppraisalStatus, string][] = [
  ['received', '#4f6288'], ['appraising', '#a86b12'], ['returned', '#c2410c'], ['proposed', '#7b3fa0'],
  ['commended', '#1e7a3c'], ['published', '#0e7490'], ['rejected', '#6b5e55'],
];

const svg = (height: number, body: string, label: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(label)}" ${FONT} font-size="12">${body}</svg>`;

/** Words on lines of at most `max` characters (SVG text does not wrap). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** One bar per row, in the order given; the label left of the bar (wrapped when long), the count after it. */
export function barsSvg(label: string, rows: readonly { label: string; value: number }[]): string {
  const line = 14;
  const labelRoom = 250;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const track = WIDTH - labelRoom - 50;
  let y = 4;
  const body = rows.map((r) => {
    const lines = wrap(r.label, 42);
    const height = lines.length * line + 4;
    const barY = y + (height - 12) / 2;
    const w = r.value > 0 ? Math.max(1.5, (r.value / max) * track) : 0;
    const out = lines.map((l, i) => `<text x="${labelRoom - 6}" y="${y + (i + 1) * line - 2}" text-anchor="end">${escapeXml(l)}</text>`).join('')
      + `<rect x="${labelRoom}" y="${barY}" width="${w.toFixed(1)}" height="12" fill="#9b1c1c"/>`
      + `<text x="${(labelRoom + w + 5).toFixed(1)}" y="${barY + 10}">${formatCount(r.value)}</text>`;
    y += height;
    return out;
  }).join('');
  return svg(y + 4, body, label);
}

/** One column per bucket (its short label below), stacked by status, with a legend under the axis. */
export function statusColumnsSvg(label: string, columns: readonly { label: string; bucket: StatusBucket }[]): string {
  const plot = 180;
  const top = 16;
  const axis = 36;
  const totals = columns.map((c) => STATUS_COLOURS.reduce((sum, [s]) => sum + c.bucket.counts[s], 0));
  const max = Math.max(1, ...totals);
  const slot = (WIDTH - axis) / Math.max(1, columns.length);
  const bar = Math.min(36, slot * 0.7);
  const y = (v: number) => top + plot - (v / max) * plot;
  const parts: string[] = [
    `<line x1="${axis}" x2="${WIDTH}" y1="${top + plot}" y2="${top + plot}" stroke="#000" stroke-width="0.5"/>`,
    `<text x="${axis - 4}" y="${top + 4}" text-anchor="end">${formatCount(max)}</text>`,
    `<text x="${axis - 4}" y="${top + plot}" text-anchor="end">0</text>`,
  ];
  columns.forEach((c, i) => {
    const x = axis + i * slot + (slot - bar) / 2;
    let below = 0;
    for (const [status, colour] of STATUS_COLOURS) {
      const n = c.bucket.counts[status];
      if (n === 0) continue;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(below + n).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(below) - y(below + n)).toFixed(1)}" fill="${colour}"/>`);
      below += n;
    }
    if (totals[i]! > 0) parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${(y(totals[i]!) - 3).toFixed(1)}" text-anchor="middle" font-size="10">${formatCount(totals[i]!)}</text>`);
    parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${top + plot + 14}" text-anchor="middle" font-size="10">${escapeXml(c.label)}</text>`);
  });
  const legendY = top + plot + 30;
  STATUS_COLOURS.forEach(([status, colour], i) => {
    const x = (i % 4) * 150;
    const ly = legendY + Math.floor(i / 4) * 16;
    parts.push(`<rect x="${x}" y="${ly}" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="${ly + 9}" font-size="11">${escapeXml(serverStatusNames[status])}</text>`);
  });
  return svg(legendY + 36, parts.join(''), label);
}
