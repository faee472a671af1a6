// The dashboard's figures as an official Báo cáo (Nghị định 30/2020/NĐ-CP): the UBND of the area reports the
// results of finding, praising and commending good people and good deeds over the period. The body is short text
// with summary tables (received, proposed, commended, published; by movement; the directive's priority groups;
// days to decision; the communes that have cases), then the signature; the charts follow in an appendix.
// Pure: the same model is rendered as DOCX and as a print page (server/documents/format).
import { DEFAULT_LEGAL_BASES } from '../../../shared/batch-protocol';
import { medianDays, percentOf } from '../../../shared/dashboard-format';
import { PRIORITY_GROUPS, type CountRow, type DashboardReport, type Median, type PriorityGroup } from '../../../shared/dashboard-protocol';
import { formatDmy, vietnamDay } from '../../../shared/dates';
import { formatCount } from '../../../shared/format';
import { communeLabel } from '../../../shared/reference';
import { PROVINCE_AREA } from '../../../shared/sync-protocol';
import type { Block, OfficialDocument, TableColumn } from '../../documents/format/model';
import { barsSvg, statusColumnsSvg } from './svg';

export interface ReportSigning {
  /** The report's number ("" leaves it blank to be filled by hand). */
  number?: string;
  signerTitle?: string;
  signerName?: string;
}

const DIRECTIVE = DEFAULT_LEGAL_BASES[2]!;
const GROUP_NAMES: Record<PriorityGroup, string> = { reported: 'Được báo cáo', proposed: 'Được đề nghị', commended: 'Được khen thưởng' };

/** "năm 2025" for a calendar year, else "từ ngày 01/01/2025 đến ngày 30/06/2025". */
export function periodWords({ from, to }: DashboardReport['period']): string {
  if (from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`) return `năm ${from.slice(0, 4)}`;
  return `từ ngày ${formatDmy(from)} đến ngày ${formatDmy(to)}`;
}

interface Area { body: string[]; place: string; unit: string; recipients: string[] }

function areaOf(report: DashboardReport): Area {
  if (report.area.code === PROVINCE_AREA) {
    return {
      body: ['Ủy ban nhân dân', 'tỉnh Lai Châu'], place: 'Lai Châu', unit: 'Ủy ban nhân dân tỉnh',
      recipients: ['Thường trực Tỉnh ủy', 'Thường trực Hội đồng nhân dân tỉnh', 'Sở Nội vụ (Ban Thi đua - Khen thưởng)', 'Lưu: VT'],
    };
  }
  const label = communeLabel(report.area.code);
  const lower = label.replace(/^\S+/, (w) => w.toLowerCase());
  return {
    body: ['Ủy ban nhân dân', lower], place: label.replace(/^\S+\s+/, ''), unit: `Ủy ban nhân dân ${lower}`,
    recipients: ['Ủy ban nhân dân tỉnh Lai Châu (qua Sở Nội vụ)', 'Lưu: VT'],
  };
}

const col = (header: string, width: number, align: TableColumn['align'] = 'left'): TableColumn => ({ header, width, align });
const numbered = (rows: string[][]): string[][] => rows.map((r, i) => [String(i + 1), ...r]);
const heading = (text: string): Block => ({ kind: 'paragraph', runs: [{ text, bold: true }], indent: true });
const text = (...runs: string[]): Block => ({ kind: 'paragraph', runs });
const withCases = (rows: readonly CountRow[]) => rows.filter((r) => r.count > 0);

function results(r: DashboardReport): Block[] {
  const { totals } = r.priority;
  const proposed = totals.proposed;
  const commended = totals.commended;
  const lines: [string, number, number][] = [
    ['Hồ sơ người tốt, việc tốt tiếp nhận trong kỳ', r.total, r.total],
    ['Đã được đề nghị khen thưởng', proposed, r.total],
    ['Đã được khen thưởng', commended, r.total],
    ['Đang được đăng tin trên báo, đài', r.publicity.published, r.total],
    ['Không đủ điều kiện khen thưởng', r.byStatus.rejected, r.total],
  ];
  return [
    heading('1. Tiếp nhận, thẩm định, đề nghị và khen thưởng'),
    text(`Trong kỳ, đã tiếp nhận ${formatCount(r.total)} hồ sơ người tốt, việc tốt; trong đó ${formatCount(proposed)} hồ sơ đã được đề nghị khen thưởng, `
      + `${formatCount(commended)} hồ sơ đã được khen thưởng, ${formatCount(r.publicity.published)} hồ sơ đang được đăng tin tuyên truyền trên báo, đài của tỉnh.`),
    { kind: 'table', columns: [col('STT', 0.08, 'center'), col('Nội dung', 0.62), col('Số hồ sơ', 0.15, 'right'), col('Tỷ lệ', 0.15, 'right')],
      rows: numbered(lines.map(([label, n, of]) => [label, formatCount(n), percentOf(n, of)])) },
  ];
}

function movements(r: DashboardReport): Block[] {
  const rows = withCases(r.byMovement);
  if (rows.length === 0) return [];
  return [
    heading('2. Theo phong trào thi đua'),
    { kind: 'table', columns: [col('STT', 0.07, 'center'), col('Phong trào thi đua', 0.69), col('Số hồ sơ', 0.13, 'right'), col('Tỷ lệ', 0.11, 'right')],
      rows: numbered(rows.map((m) => [m.name, formatCount(m.count), percentOf(m.count, r.total)])) },
  ];
}

function priority(r: DashboardReport): Block[] {
  const { totals, rows } = r.priority;
  return [
    heading('3. Các nhóm đối tượng ưu tiên theo Chỉ thị'),
    text('Số hồ sơ của từng nhóm và tỷ lệ trên tổng số hồ sơ được báo cáo, được đề nghị và được khen thưởng (tổng số ghi ở đầu cột) (nhóm đối tượng được ưu tiên trong danh mục; người dân tộc thiểu số theo dân tộc đã ghi).'),
    { kind: 'table', columns: [col('Nhóm đối tượng', 0.4), ...PRIORITY_GROUPS.map((g) => col(`${GROUP_NAMES[g]} (${formatCount(totals[g])})`, 0.2, 'right'))],
      rows: rows.filter((p) => p.counts.reported > 0 || p.kind !== 'category')
        .map((p) => [p.name, ...PRIORITY_GROUPS.map((g) => `${formatCount(p.counts[g])} (${percentOf(p.counts[g], totals[g])})`)]) },
  ];
}

const medianLine = (label: string, m: Median): string[] => [label, medianDays(m), m.n > 0 ? `${formatCount(m.n)} hồ sơ` : '—'];

function speed(r: DashboardReport): Block[] {
  const waiting = r.pendingBatches.reduce((sum, p) => sum + p.batches, 0);
  const cases = r.pendingBatches.reduce((sum, p) => sum + p.cases, 0);
  const oldest = r.pendingBatches.map((p) => p.oldestSubmittedAt).sort()[0];
  return [
    heading('4. Thời gian xét, khen thưởng ("thành tích đến đâu, khen thưởng đến đó")'),
    { kind: 'table', columns: [col('Khoảng thời gian (trung vị)', 0.6), col('Số ngày', 0.2, 'right'), col('Tính trên', 0.2, 'right')],
      rows: [
        medianLine('Từ ngày có việc tốt đến ngày báo cáo', r.speed.deedToReport),
        medianLine('Từ ngày báo cáo đến ngày quyết định khen thưởng', r.speed.reportToCommendation),
        medianLine('Từ ngày đề nghị đến ngày quyết định khen thưởng', r.speed.proposalToDecision),
      ] },
    text(waiting === 0
      ? 'Đến thời điểm báo cáo, không có đợt đề nghị khen thưởng nào đang chờ quyết định.'
      : `Đến thời điểm báo cáo, có ${formatCount(waiting)} đợt đề nghị (${formatCount(cases)} hồ sơ) đã trình, đang chờ quyết định; `
        + `đợt trình sớm nhất ngày ${formatDmy(vietnamDay(oldest!))}.`),
  ];
}

/** The province's report lists the communes that have cases, with the batches each still waits on. */
function communes(r: DashboardReport): Block[] {
  if (r.area.code !== PROVINCE_AREA) return [];
  const rows = withCases(r.byCommune);
  if (rows.length === 0) return [];
  const pending = new Map(r.pendingBatches.filter((p) => p.commune).map((p) => [p.commune!, p.batches]));
  // Two communes a row (STT, name, cases, batches waiting; twice): 38 communes take 19 rows.
  const cells = rows.map((c, i) => [String(i + 1), c.name, formatCount(c.count), formatCount(pending.get(c.id) ?? 0)]);
  const half = Math.ceil(cells.length / 2);
  const pair = [col('STT', 0.07, 'center'), col('Xã, phường', 0.24), col('Hồ sơ', 0.09, 'right'), col('Đợt chờ', 0.1, 'right')];
  return [
    heading('5. Theo xã, phường'),
    text(`Có ${formatCount(rows.length)} xã, phường có hồ sơ trong kỳ (xã, phường không có hồ sơ không ghi trong bảng; "Đợt chờ": số đợt đề nghị đã trình, đang chờ quyết định).`),
    { kind: 'table', columns: [...pair, ...pair],
      rows: cells.slice(0, half).map((left, i) => [...left, ...(cells[half + i] ?? ['', '', '', ''])]) },
  ];
}

function appendix(r: DashboardReport, area: Area): Block[] {
  const monthly = r.statusOverTime.unit === 'month';
  const columns = r.statusOverTime.buckets.map((b) => {
    const [y, m, d] = b.start.split('-');
    return { label: monthly ? `${Number(m)}/${y!.slice(2)}` : `${d}/${m}`, long: `${formatDmy(b.start)}–${formatDmy(b.end)}`, bucket: b };
  });
  const statusCaption = `Biểu đồ 1. Tình trạng hồ sơ của kỳ vào cuối mỗi ${monthly ? 'tháng' : 'tuần'}`;
  const figures: Block[] = [{
    kind: 'figure', caption: statusCaption, svg: statusColumnsSvg(statusCaption, columns),
    fallback: { kind: 'table', columns: [col(monthly ? 'Tháng' : 'Tuần', 0.3), col('Đã nhận, đang thẩm định', 0.2, 'right'), col('Đề nghị', 0.15, 'right'), col('Khen thưởng, đăng tin', 0.2, 'right'), col('Không đủ điều kiện', 0.15, 'right')],
      rows: columns.map((c) => {
        const n = c.bucket.counts;
        return [c.long, formatCount(n.received + n.appraising + n.returned), formatCount(n.proposed), formatCount(n.commended + n.published), formatCount(n.rejected)];
      }) },
  }];
  const bars = (caption: string, what: string, rows: readonly CountRow[]): Block => ({
    kind: 'figure', caption, svg: barsSvg(caption, rows.map((c) => ({ label: c.name, value: c.count }))),
    fallback: { kind: 'table', columns: [col(what, 0.7), col('Số hồ sơ', 0.3, 'right')], rows: rows.map((c) => [c.name, formatCount(c.count)]) },
  });
  const places = withCases(r.byCommune);
  if (r.area.code === PROVINCE_AREA && places.length > 0) figures.push(bars(`Biểu đồ ${figures.length + 1}. Số hồ sơ theo xã, phường`, 'Xã, phường', places));
  const movementRows = withCases(r.byMovement);
  if (movementRows.length > 0) figures.push(bars(`Biểu đồ ${figures.length + 1}. Số hồ sơ theo phong trào thi đua`, 'Phong trào thi đua', movementRows));
  return [
    { kind: 'paragraph', runs: [{ text: 'PHỤ LỤC', bold: true }], align: 'center', indent: false },
    { kind: 'paragraph', runs: [{ text: 'BIỂU ĐỒ KẾT QUẢ PHÁT HIỆN, BIỂU DƯƠNG, KHEN THƯỞNG NGƯỜI TỐT, VIỆC TỐT', bold: true }], align: 'center', indent: false },
    { kind: 'paragraph', runs: [{ text: `(Kèm theo Báo cáo của ${area.unit} ${periodWords(r.period)})`, italic: true }], align: 'center', indent: false },
    ...figures,
  ];
}

export function reportDocument(r: DashboardReport, signing: ReportSigning = {}): OfficialDocument {
  const area = areaOf(r);
  const period = periodWords(r.period);
  const body: Block[] = [
    { kind: 'header', header: { issuingBody: area.body, number: signing.number ?? '', symbol: 'BC-UBND', placeName: area.place, date: vietnamDay(r.asOf) } },
    { kind: 'title', type: 'Báo cáo', summary: ['Kết quả phát hiện, biểu dương, khen thưởng người tốt, việc tốt', period] },
    text(`Thực hiện ${DIRECTIVE} về việc phát hiện, bồi dưỡng, biểu dương, khen thưởng và nhân rộng các gương người tốt, việc tốt, `
      + `${area.unit} báo cáo kết quả ${period} như sau (số liệu tính đến ngày ${formatDmy(vietnamDay(r.asOf))}; hồ sơ trong kỳ là hồ sơ tiếp nhận trong kỳ):`),
    heading('I. KẾT QUẢ THỰC HIỆN'),
    ...results(r), ...movements(r), ...priority(r), ...speed(r), ...communes(r),
    heading('II. NHẬN XÉT, ĐÁNH GIÁ VÀ ĐỀ XUẤT'),
    { kind: 'paragraph', runs: [{ text: '(Đơn vị bổ sung nhận xét, đánh giá và đề xuất.)', italic: true }] },
    { kind: 'closing', recipients: area.recipients,
      signature: { authority: ['TM. Ủy ban nhân dân'], title: signing.signerTitle || 'Chủ tịch', name: signing.signerName ?? '' } },
  ];
  return {
    title: `Báo cáo kết quả phát hiện, biểu dương, khen thưởng người tốt, việc tốt ${period}`,
    sections: [{ orientation: 'portrait', blocks: body }, { orientation: 'portrait', blocks: appendix(r, area) }],
  };
}
