// Shares as bars on a 0–100 % track, several per row (the priority groups among reported, proposed and
// commended cases), each with its n/total written beside it.
import { ChartSvg, CHAR, FONT, describe, textWidth, useChartWidth, wrapLines } from './chart-kit';
import { ratio, share } from '../../../shared/dashboard-format';

interface ShareBar { label: string; n: number; total: number; tone: string }
interface ShareRow { label: string; bars: readonly ShareBar[] }

const LINE = 16;
const BAR = 12;
const GAP = 6;

export function ShareBars({ title, rows }: { title: string; rows: readonly ShareRow[] }) {
  const [ref, width] = useChartWidth();
  const barLabel = Math.ceil(Math.max(0, ...rows.flatMap((r) => r.bars.map((b) => textWidth(b.label, 11))))) + 12;
  const textRoom = Math.ceil(Math.max(0, ...rows.flatMap((r) => r.bars.map((b) => textWidth(share(b.n, b.total), FONT, 600))))) + 10;
  const track = Math.max(60, width - barLabel - textRoom);
  let y = 2;
  const laid = rows.map((row) => {
    const lines = wrapLines(row.label, Math.floor(width / CHAR));
    const top = y;
    y += lines.length * LINE + 4;
    const bars = row.bars.map((b) => {
      const barY = y;
      y += BAR + GAP;
      return { ...b, barY };
    });
    y += 10;
    return { ...row, lines, top, bars };
  });
  const desc = describe(rows.flatMap((r) => r.bars.map((b) => ({ label: `${r.label} — ${b.label}`, value: share(b.n, b.total) }))), 12);

  return (
    <div ref={ref} class="dash-chart-box">
      <ChartSvg title={title} desc={desc} width={width} height={y}>
        {laid.map((row) => (
          <g key={row.label}>
            {row.lines.map((line, i) => <text key={i} class="dash-label dash-label--strong" x={0} y={row.top + (i + 1) * LINE - 4}>{line}</text>)}
            {row.bars.map((b) => (
              <g key={b.label}>
                <text class="dash-axis" x={barLabel - 8} y={b.barY + BAR - 2} text-anchor="end">{b.label}</text>
                <rect class="dash-track" x={barLabel} y={b.barY} width={track} height={BAR} rx={2} />
                <rect class={`dash-tone--${b.tone}`} x={barLabel} y={b.barY} width={ratio(b.n, b.total) * track} height={BAR} rx={2}
                  data-label={`${row.label} — ${b.label}`} data-n={b.n} data-total={b.total} />
                <text class="dash-value" x={barLabel + track + 6} y={b.barY + BAR - 2}>{share(b.n, b.total)}</text>
              </g>
            ))}
          </g>
        ))}
      </ChartSvg>
    </div>
  );
}
