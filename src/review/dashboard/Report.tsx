// "Báo cáo kết quả": the figures of one period as the screen shows them and as they print on A4 — a header
// with the unit and the period, then each figure as a chart and a table.
import type { ComponentChildren } from 'preact';
import {
  PRIORITY_GROUPS, type CountRow, type DashboardReport, type PriorityGroup, type PriorityRow, type StatusBucket,
} from '../../shared/dashboard-protocol';
import { daysBetween, formatDmy, vietnamDay } from '../../shared/dates';
import { PROVINCE_AREA, serverStatusNames } from '../../shared/sync-protocol';
import { capitalised } from '../../shared/text';
import { dateTimeOf } from '../ui/format';
import { BarChart } from './charts/BarChart';
import { DataTable, ScreenAndPrint } from './charts/chart-kit';
import { ShareBars } from './charts/ShareBars';
import { STACK_ORDER, StackedColumns, type TimeColumn } from './charts/StackedColumns';
import { count, medianDays, percentOf, share } from '../../shared/dashboard-format';

const GROUP_NAMES: Record<PriorityGroup, string> = { reported: 'Được báo cáo', proposed: 'Được đề nghị', commended: 'Được khen thưởng' };

interface SectionProps { id: string; title: string; lead: ComponentChildren; printed?: boolean; children?: ComponentChildren }

/**
 * A figure of the report. Its heading and `lead` (its chart, or its note) stay on one sheet of paper; `printed`
 * false leaves the whole section off the paper (nothing happened there).
 */
/** A chart paper leaves off: the table after it prints the same numbers, in less room. */
const OnScreen = ({ children }: { children: ComponentChildren }) => <div class="no-print">{children}</div>;

function Section({ id, title, lead, printed = true, children }: SectionProps) {
  return (
    <section class={printed ? 'dash-section' : 'dash-section no-print'} aria-labelledby={id}>
      <div class="dash-keep">
        <h2 id={id}>{title}</h2>
        {lead}
      </div>
      {children}
    </section>
  );
}

const nameOf = (row: { name: string; retired?: boolean }) => (row.retired ? `${row.name} (ngừng dùng)` : row.name);

function ReportHeader({ report }: { report: DashboardReport }) {
  return (
    <div class="dash-report-head">
      <p class="dash-kicker">Kết quả phát hiện, biểu dương, khen thưởng người tốt, việc tốt (Chỉ thị 02/CT-UBND)</p>
      <dl class="dash-facts">
        <dt>Đơn vị</dt><dd>{capitalised(report.area.label)}</dd>
        <dt>Kỳ báo cáo</dt><dd>Từ {formatDmy(report.period.from)} đến {formatDmy(report.period.to)}</dd>
        <dt>Số liệu tính đến</dt><dd>{dateTimeOf(report.asOf)}</dd>
      </dl>
      <p class="hint">
        Hồ sơ trong kỳ là hồ sơ máy chủ nhận lần đầu trong khoảng ngày trên (giờ Việt Nam). Việc đề nghị, khen thưởng, đăng
        tin của các hồ sơ đó được tính đến thời điểm lập báo cáo.
      </p>
    </div>
  );
}

function Summary({ report }: { report: DashboardReport }) {
  const { totals } = report.priority;
  const items: [string, number][] = [
    ['Hồ sơ nhận trong kỳ', report.total],
    ['Đã được đề nghị khen thưởng', totals.proposed],
    ['Đã được khen thưởng', totals.commended],
    ['Đang đăng tin trên báo, đài', report.publicity.published],
    ['Không đủ điều kiện', report.byStatus.rejected],
  ];
  return (
    <ul class="dash-summary">
      {items.map(([label, n]) => <li key={label}><span class="dash-summary__n">{count(n)}</span> {label}</li>)}
    </ul>
  );
}

/** Whether a monthly bucket covers its whole month (the period may cut the first and the last). */
const wholeMonth = (b: StatusBucket) => b.start.endsWith('-01') && new Date(Date.parse(b.end) + 86_400_000).getUTCDate() === 1;

function timeColumns(report: DashboardReport): TimeColumn[] {
  const weekly = report.statusOverTime.unit === 'week';
  return report.statusOverTime.buckets.map((b: StatusBucket) => {
    const [y, m, d] = b.start.split('-');
    const range = `${formatDmy(b.start)}–${formatDmy(b.end)}`;
    if (weekly) return { label: `${d}/${m}`, longLabel: `Tuần ${range}`, bucket: b };
    return { label: `${Number(m)}/${y!.slice(2)}`, longLabel: wholeMonth(b) ? `Tháng ${m}/${y}` : `Tháng ${m}/${y} (${range})`, bucket: b };
  });
}

function StatusSection({ report, hidden }: { report: DashboardReport; hidden: boolean }) {
  const columns = timeColumns(report);
  const unit = report.statusOverTime.unit === 'week' ? 'tuần' : 'tháng';
  const last = columns.at(-1);
  const lastTotal = last ? STACK_ORDER.reduce((sum, s) => sum + last.bucket.counts[s], 0) : 0;
  const desc = last
    ? `${columns.length} cột. ${last.longLabel}: ${count(lastTotal)} hồ sơ, ${STACK_ORDER.filter((s) => last.bucket.counts[s] > 0)
      .map((s) => `${serverStatusNames[s]} ${count(last.bucket.counts[s])}`).join(', ') || 'chưa có hồ sơ'}.`
    : 'Kỳ báo cáo chưa bắt đầu.';
  return (
    <Section id="dash-status" title={`Tình trạng hồ sơ theo ${unit}`} printed={report.total > 0} lead={<>
      <p class="hint">Mỗi cột: các hồ sơ của kỳ đã nhận đến cuối {unit} đó, chia theo trạng thái lúc ấy (theo nhật ký thẩm định).</p>
      <StackedColumns title={`Tình trạng hồ sơ vào cuối mỗi ${unit}`} desc={desc} columns={columns} />
    </>}>
      <OnScreen>
        <DataTable caption={`Số hồ sơ theo trạng thái, cuối mỗi ${unit}`} hidden={hidden}
          columns={[{ label: unit === 'tuần' ? 'Tuần' : 'Tháng' }, ...STACK_ORDER.map((s) => ({ label: serverStatusNames[s], numeric: true })), { label: 'Tổng', numeric: true }]}
          rows={columns.map((c) => [c.longLabel, ...STACK_ORDER.map((s) => count(c.bucket.counts[s])),
            count(STACK_ORDER.reduce((sum, s) => sum + c.bucket.counts[s], 0))])} />
      </OnScreen>
      <DataTable caption="Trạng thái hiện nay của các hồ sơ trong kỳ" hidden={false} quiet={STACK_ORDER.map((s) => report.byStatus[s] === 0)}
        columns={[{ label: 'Trạng thái' }, { label: 'Số hồ sơ', numeric: true }, { label: 'Tỷ lệ', numeric: true }]}
        rows={STACK_ORDER.map((s) => [serverStatusNames[s], count(report.byStatus[s]), percentOf(report.byStatus[s], report.total)])} />
    </Section>
  );
}

interface CountProps {
  id: string; title: string; what: string; rows: readonly CountRow[]; total: number; hidden: boolean;
  /** Whether the section prints (and then its chart too: without, paper has the table only). */
  printed?: boolean; chartOnPaper?: boolean;
}

/** Paper lists only the rows with cases, and leaves the section off when it has none. */
function CountSection({ id, title, what, rows, total, hidden, printed = true, chartOnPaper = false }: CountProps) {
  const withCases = rows.filter((r) => r.count > 0);
  const chart = (shown: readonly CountRow[]) => <BarChart title={`Số hồ sơ theo ${what}`} bars={shown.map((r) => ({ label: nameOf(r), value: r.count }))} />;
  const table = (
    <DataTable caption={`Số hồ sơ theo ${what}`} hidden={hidden} quiet={rows.map((r) => r.count === 0)}
      columns={[{ label: capitalised(what) }, { label: 'Số hồ sơ', numeric: true }, { label: 'Tỷ lệ', numeric: true }]}
      rows={rows.map((r) => [nameOf(r), count(r.count), percentOf(r.count, total)])} />
  );
  const onPaper = printed && withCases.length > 0;
  if (chartOnPaper) {
    return <Section id={id} title={title} printed={onPaper} lead={<ScreenAndPrint rows={rows} printed={withCases} draw={chart} />}>{table}</Section>;
  }
  return <Section id={id} title={title} printed={onPaper} lead={<><OnScreen>{chart(rows)}</OnScreen>{table}</>} />;
}

function PrioritySection({ report }: { report: DashboardReport }) {
  const { totals, rows } = report.priority;
  return (
    <Section id="dash-priority" title="Nhóm đối tượng được ưu tiên" printed={report.total > 0} lead={<>
      <p class="hint">
        Tỷ lệ của từng nhóm trong số hồ sơ được báo cáo, được đề nghị và được khen thưởng: các nhóm đối tượng được đánh dấu
        ưu tiên trong danh mục, và người dân tộc thiểu số (theo dân tộc đã ghi; hồ sơ tập thể không tính).
      </p>
      <OnScreen>
        <ShareBars title="Tỷ lệ các nhóm ưu tiên" rows={rows.map((r) => ({
          label: nameOf(r),
          bars: PRIORITY_GROUPS.map((g) => ({ label: GROUP_NAMES[g], n: r.counts[g], total: totals[g], tone: g })),
        }))} />
      </OnScreen>
      <DataTable caption="Số hồ sơ và tỷ lệ của các nhóm ưu tiên (số hồ sơ của nhóm / tổng số)" hidden={false}
        quiet={rows.map((r) => r.counts.reported === 0)}
        columns={[{ label: 'Nhóm' }, ...PRIORITY_GROUPS.map((g) => ({ label: `${GROUP_NAMES[g]} (${count(totals[g])})`, numeric: true }))]}
        rows={rows.map((r) => [nameOf(r), ...PRIORITY_GROUPS.map((g) => share(r.counts[g], totals[g]))])} />
    </>} />
  );
}

function SpeedSection({ report }: { report: DashboardReport }) {
  const { speed } = report;
  const rows: [string, typeof speed.deedToReport][] = [
    ['Từ ngày làm việc tốt đến ngày báo cáo', speed.deedToReport],
    ['Từ ngày báo cáo đến ngày quyết định khen thưởng', speed.reportToCommendation],
    ['Từ ngày đề nghị đến ngày quyết định khen thưởng', speed.proposalToDecision],
    ['Từ ngày báo cáo đến ngày kết luận không đủ điều kiện', speed.reportToRejection],
  ];
  return (
    <Section id="dash-speed" title="Tốc độ: thành tích đến đâu, khen thưởng đến đó" printed={report.total > 0} lead={
      <DataTable caption="Số ngày (trung vị: một nửa số hồ sơ nhanh hơn, một nửa chậm hơn)" hidden={false}
        columns={[{ label: 'Khoảng thời gian' }, { label: 'Trung vị', numeric: true }, { label: 'Tính trên', numeric: true }]}
        rows={rows.map(([label, m]) => [label, medianDays(m), `${count(m.n)} hồ sơ`])} />
    } />
  );
}

function PendingSection({ report }: { report: DashboardReport }) {
  const rows = report.pendingBatches;
  return (
    <Section id="dash-pending" title="Đợt đề nghị đang chờ quyết định" printed={rows.length > 0}
      lead={<p class="hint hint--print">Các đợt đã trình, chưa có quyết định, tính đến thời điểm lập báo cáo (không theo kỳ báo cáo).</p>}>
      {rows.length === 0 ? <p>Không có đợt đề nghị nào đang chờ quyết định.</p> : (
        <DataTable caption="Đợt đề nghị đang chờ quyết định, theo cấp quyết định" hidden={false}
          columns={[{ label: 'Cấp quyết định' }, { label: 'Số đợt', numeric: true }, { label: 'Số hồ sơ', numeric: true }, { label: 'Trình sớm nhất', numeric: true }]}
          rows={rows.map((r) => [r.name, count(r.batches), count(r.cases),
            `${formatDmy(vietnamDay(r.oldestSubmittedAt))} (${count(Math.max(0, daysBetween(vietnamDay(r.oldestSubmittedAt), vietnamDay(report.asOf))))} ngày)`])} />
      )}
    </Section>
  );
}

function PublicitySection({ report }: { report: DashboardReport }) {
  const p = report.publicity;
  return (
    <Section id="dash-publicity" title="Tuyên truyền trên báo, đài của tỉnh" printed={p.commended + p.published > 0} lead={<>
      <OnScreen>
        <ShareBars title="Hồ sơ đã khen thưởng được đăng tin" rows={[{
          label: 'Trong số hồ sơ đã khen thưởng',
          bars: [
            { label: 'Có đồng ý đăng tin', n: p.commendedConsenting, total: p.commended, tone: 'consent' },
            { label: 'Đang đăng tin', n: p.commendedPublished, total: p.commended, tone: 'published' },
          ],
        }]} />
      </OnScreen>
      <DataTable caption="Đăng tin" hidden={false} columns={[{ label: 'Chỉ số' }, { label: 'Số hồ sơ', numeric: true }]}
        rows={[
          ['Hồ sơ của kỳ đang đăng trên bản tin', count(p.published)],
          ['Hồ sơ đã khen thưởng', count(p.commended)],
          ['— trong đó người được khen đồng ý đăng tin', share(p.commendedConsenting, p.commended)],
          ['— trong đó đang đăng tin', share(p.commendedPublished, p.commended)],
        ]} />
    </>} />
  );
}

export function Report({ report, showTables }: { report: DashboardReport; showTables: boolean }) {
  const hidden = !showTables;
  return (
    <article class="dash-report" aria-label="Báo cáo kết quả">
      <ReportHeader report={report} />
      <Summary report={report} />
      <StatusSection report={report} hidden={hidden} />
      <PrioritySection report={report} />
      <SpeedSection report={report} />
      <PendingSection report={report} />
      <PublicitySection report={report} />
      <CountSection id="dash-commune" title="Theo xã, phường" what="xã, phường" rows={report.byCommune} total={report.total} hidden={hidden}
        printed={report.area.code === PROVINCE_AREA} chartOnPaper />
      <div class="dash-pair">
        <CountSection id="dash-movement" title="Theo phong trào thi đua" what="phong trào" rows={report.byMovement} total={report.total} hidden={hidden} />
        <CountSection id="dash-field" title="Theo lĩnh vực" what="lĩnh vực" rows={report.byFieldOfLife} total={report.total} hidden={hidden} />
      </div>
    </article>
  );
}
