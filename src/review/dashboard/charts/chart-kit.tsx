// What every chart shares: a figure whose SVG is named by its <title> and <desc> (role="img"), the data table
// that says the same in text (hidden on screen unless asked for, always printed), the drawing width, and
// labels wrapped onto lines (SVG text does not wrap by itself).
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

/** The width of an A4 page's text (210 mm − 2 × 15 mm): charts are never drawn wider, so print keeps their size. */
export const PRINT_WIDTH = 680;
export const FONT = 13;
/** An average glyph of the system font at FONT px, for wrapping and fitting labels. */
export const CHAR = 7;

/** The width a chart has on screen (its container's, at most PRINT_WIDTH). */
export function useChartWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(PRINT_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const measured = Math.floor(element.clientWidth);
      if (measured > 0) setWidth(Math.min(PRINT_WIDTH, Math.max(240, measured)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

let measurer: CanvasRenderingContext2D | null | undefined;

/** The drawn width of a label at `size` px in the page's font (an estimate where canvas is unavailable). */
export function textWidth(text: string, size = FONT, weight = 400): number {
  if (measurer === undefined) measurer = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * CHAR * (size / FONT);
  measurer.font = `${weight} ${size}px ${getComputedStyle(document.body).fontFamily}`;
  return measurer.measureText(text).width;
}

export function wrapLines(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

interface SvgProps { title: string; desc: string; width: number; height: number; children: ComponentChildren }

/** An accessible SVG: screen readers read its title and description; the table after it has the numbers. */
export function ChartSvg({ title, desc, width, height, children }: SvgProps) {
  const id = useId();
  return (
    <svg class="dash-chart" role="img" aria-labelledby={`${id}-t ${id}-d`} width={width} height={height}
      viewBox={`0 0 ${width} ${height}`} font-size={FONT}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {children}
    </svg>
  );
}

/** "A: 3; B: 2; …" for a chart's description, the first few items only (the table has them all). */
export function describe(items: readonly { label: string; value: string }[], max = 8): string {
  const shown = items.slice(0, max).map((i) => `${i.label}: ${i.value}`).join('; ');
  return items.length > max ? `${shown}; và ${items.length - max} mục khác (xem bảng số liệu)` : shown;
}

export interface Column { label: string; numeric?: boolean }

interface TableProps {
  caption: string; columns: readonly Column[]; rows: readonly (readonly string[])[]; hidden: boolean;
  /** Rows left off the paper (a zero the screen lists, to show what has none; print keeps to what happened). */
  quiet?: readonly boolean[];
}

/**
 * A chart as the screen shows it (every row) and, when some rows are empty, as paper shows it (`printed` only).
 * The two never show together: the screen's is left off the paper, the paper's is not displayed on screen.
 */
export function ScreenAndPrint<T>({ rows, printed, draw }: { rows: readonly T[]; printed: readonly T[]; draw: (rows: readonly T[]) => ComponentChildren }) {
  if (printed.length === rows.length) return <>{draw(rows)}</>;
  return (
    <>
      <div class="no-print">{draw(rows)}</div>
      {printed.length > 0 && <div class="dash-print-only">{draw(printed)}</div>}
    </>
  );
}

/** The numbers of a chart as a table. `hidden`: read by screen readers and printed, not shown on screen. */
export function DataTable({ caption, columns, rows, hidden, quiet }: TableProps) {
  // A table ignores a height, so its wrapper is what gets clipped to nothing on screen. Shown, the wrapper scrolls
  // a table wider than a phone, and can be focused to scroll it from the keyboard.
  return (
    <div class={hidden ? 'dash-sr' : 'dash-table-box'} role={hidden ? undefined : 'region'}
      aria-label={hidden ? undefined : caption} tabIndex={hidden ? undefined : 0}>
      <table class="dash-table">
        <caption>{caption}</caption>
        <thead>
          <tr>{columns.map((c) => <th key={c.label} scope="col" class={c.numeric ? 'num' : undefined}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} class={quiet?.[r] ? 'dash-quiet' : undefined}>
              {row.map((cell, i) => (i === 0
                ? <th key={i} scope="row">{cell}</th>
                : <td key={i} class={columns[i]?.numeric ? 'num' : undefined}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
