// One column per week or month, stacked by status: how many of the period's cases were in each status when
// that week or month ended.
import type { StatusBucket } from '../../../shared/dashboard-protocol';
import { serverStatusNames, type AppraisalStatus } from '../../../shared/sync-protocol';
import { ChartSvg, useChartWidth } from './chart-kit';
import { count } from '../../../shared/dashboard-format';

/** Bottom to top: the way a case goes, the two endings other than commendation last. */
export const STACK_ORDER: readonly AppraisalStatus[] = ['received', 'appraising', 'returned', 'proposed', 'commended', 'published', 'rejected'];

const PLOT = 200;
const TOP = 18;
const AXIS = 40;
const BOTTOM = 34;

function niceStep(max: number): number {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
}

export interface TimeColumn { label: string; longLabel: string; bucket: StatusBucket }

export function StackedColumns({ title, desc, columns }: { title: string; desc: string; columns: readonly TimeColumn[] }) {
  const [ref, width] = useChartWidth();
  const totals = columns.map((c) => STACK_ORDER.reduce((sum, s) => sum + c.bucket.counts[s], 0));
  const step = niceStep(Math.max(0, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);
  const y = (v: number) => TOP + PLOT - (v / top) * PLOT;
  const slot = columns.length > 0 ? (width - AXIS - 4) / columns.length : 0;
  const barWidth = Math.max(3, Math.min(48, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(40 / Math.max(1, slot)));
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);

  return (
    <div ref={ref} class="dash-chart-box">
      <ChartSvg title={title} desc={desc} width={width} height={TOP + PLOT + BOTTOM}>
        {ticks.map((t) => (
          <g key={t}>
            <line class="dash-grid" x1={AXIS} x2={width} y1={y(t)} y2={y(t)} />
            <text class="dash-axis" x={AXIS - 6} y={y(t) + 4} text-anchor="end">{count(t)}</text>
          </g>
        ))}
        {columns.map((c, i) => {
          const x = AXIS + i * slot + (slot - barWidth) / 2;
          let below = 0;
          return (
            <g key={c.bucket.start} class="dash-column" data-start={c.bucket.start} data-total={totals[i]}>
              {STACK_ORDER.map((status) => {
                const n = c.bucket.counts[status];
                if (n === 0) return null;
                const rect = (
                  <rect key={status} class={`dash-fill--${status}`} x={x} y={y(below + n)} width={barWidth} height={y(below) - y(below + n)}
                    data-status={status} data-count={n}>
                    <title>{`${c.longLabel} — ${serverStatusNames[status]}: ${count(n)}`}</title>
                  </rect>
                );
                below += n;
                return rect;
              })}
              {slot >= 22 && totals[i]! > 0 && <text class="dash-value" x={x + barWidth / 2} y={y(totals[i]!) - 4} text-anchor="middle">{count(totals[i]!)}</text>}
              {i % labelEvery === 0 && <text class="dash-axis" x={x + barWidth / 2} y={TOP + PLOT + 16} text-anchor="middle">{c.label}</text>}
            </g>
          );
        })}
      </ChartSvg>
      <ul class="dash-legend" aria-label="Chú giải">
        {STACK_ORDER.map((s) => (
          <li key={s}><svg width="14" height="14" aria-hidden="true"><rect class={`dash-fill--${s}`} width="14" height="14" rx="2" /></svg>{serverStatusNames[s]}</li>
        ))}
      </ul>
    </div>
  );
}
