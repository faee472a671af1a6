// Horizontal bars, one per row, longest first as given. Short labels sit left of their bar; long ones (the
// movements' names) are wrapped above it.
import { CHAR, ChartSvg, describe, textWidth, useChartWidth, wrapLines } from './chart-kit';
import { count } from '../../../shared/dashboard-format';

interface Bar { label: string; value: number }

const ROW = 26;
const BAR = 16;
const LINE = 16;
const VALUE_ROOM = 52;

export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const [ref, width] = useChartWidth();
  const max = Math.max(0, ...bars.map((b) => b.value));
  const longest = Math.max(0, ...bars.map((b) => textWidth(b.label)));
  const beside = longest <= width * 0.38;
  const x0 = beside ? Math.ceil(longest) + 12 : 0;
  const scale = (v: number) => (max > 0 ? (v / max) * (width - x0 - VALUE_ROOM) : 0);

  let y = 4;
  const rows = bars.map((b) => {
    const lines = beside ? [b.label] : wrapLines(b.label, Math.floor(width / CHAR));
    const top = y;
    const barY = beside ? top : top + lines.length * LINE + 2;
    y = barY + (beside ? ROW : BAR + 12);
    return { ...b, lines, top, barY };
  });
  const height = Math.max(y, 24);
  const desc = max === 0 ? 'Chưa có hồ sơ nào' : describe(bars.map((b) => ({ label: b.label, value: count(b.value) })));

  return (
    <div ref={ref} class="dash-chart-box">
      <ChartSvg title={title} desc={desc} width={width} height={height}>
        {rows.map((r) => {
          const w = r.value > 0 ? Math.max(2, scale(r.value)) : 0;
          return (
            <g key={r.label} class="dash-bar-row">
              {r.lines.map((line, i) => (
                <text key={i} x={beside ? x0 - 8 : 0} y={beside ? r.barY + BAR - 3 : r.top + (i + 1) * LINE - 4}
                  text-anchor={beside ? 'end' : 'start'} class="dash-label">{line}</text>
              ))}
              <rect class="dash-bar" x={x0} y={r.barY} width={w} height={BAR} rx={2} data-label={r.label} data-value={r.value}>
                <title>{`${r.label}: ${count(r.value)}`}</title>
              </rect>
              <text x={x0 + w + 6} y={r.barY + BAR - 3} class="dash-value">{count(r.value)}</text>
            </g>
          );
        })}
      </ChartSvg>
    </div>
  );
}
