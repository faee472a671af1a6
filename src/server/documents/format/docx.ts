// The OfficialDocument as a DOCX (the `docx` package): what the board opens in Word or LibreOffice, edits, prints,
// signs and stamps. Every measure comes from constants.ts; the header and the closing are borderless tables of two
// columns, which Word and LibreOffice both lay out the same way.
import {
  AlignmentType, BorderStyle, Document, Header, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph,
  Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType,
  type ISectionOptions,
} from 'docx';
import {
  BODY_RULE_MM, FONT, FOOTER_FROM_BOTTOM_MM, HEADER_COLUMNS, HEADER_FROM_TOP_MM, MARGIN_MM, MOTTO, MOTTO_RULE_MM,
  NATIONAL_TITLE, PAGE_MM, PARAGRAPH, PT, SIGNATURE_COLUMN, SIGNATURE_SPACE_LINES, cmToTwip, mmToTwip, ptToHalfPt,
} from './constants';
import {
  basisLines, capitals, clean, numberLine, placeDateLine, recipientLines,
  type Align, type Block, type DocumentHeader, type DocumentSection, type Inline, type OfficialDocument, type SignatureBlock,
} from './model';

const ALIGN = {
  justify: AlignmentType.JUSTIFIED, center: AlignmentType.CENTER, left: AlignmentType.LEFT, right: AlignmentType.RIGHT,
} as const;
const LINE = Math.round(240 * PARAGRAPH.lineSpacing);
const AFTER = PARAGRAPH.afterPt * 20;
const SINGLE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

interface RunStyle { size?: number; bold?: boolean; italic?: boolean }

const run = (text: string, style: RunStyle = {}): TextRun =>
  new TextRun({ text: clean(text), font: FONT, size: ptToHalfPt(style.size ?? PT.body), bold: style.bold, italics: style.italic });

function line(text: string, style: RunStyle & { align?: Align; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: ALIGN[style.align ?? 'center'],
    spacing: { before: 0, after: style.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(text, style)],
  });
}

/** A short horizontal rule of `widthMm`, centred in a space `spaceMm` wide: an empty paragraph's bottom border. */
function rule(widthMm: number, spaceMm: number): Paragraph {
  const side = mmToTwip(Math.max(0, (spaceMm - widthMm) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 60, line: 100, lineRule: LineRuleType.EXACT },
    border: { bottom: SINGLE },
    children: [],
  });
}

const textWidthMm = (orientation: DocumentSection['orientation']): number =>
  (orientation === 'landscape' ? PAGE_MM.height : PAGE_MM.width) - MARGIN_MM.left - MARGIN_MM.right;

function cell(children: Paragraph[], widthMm: number, extra: { columnSpan?: number; borders?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: mmToTwip(widthMm), type: WidthType.DXA },
    columnSpan: extra.columnSpan,
    verticalAlign: VerticalAlignTable.TOP,
    borders: extra.borders === false ? TableBorders.NONE : undefined,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children,
  });
}

function twoColumns(left: Paragraph[], right: Paragraph[], leftMm: number, rightMm: number): Table {
  return new Table({
    width: { size: mmToTwip(leftMm + rightMm), type: WidthType.DXA },
    columnWidths: [mmToTwip(leftMm), mmToTwip(rightMm)],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, leftMm, { borders: false }), cell(right, rightMm, { borders: false })] })],
  });
}

function header(h: DocumentHeader, widthMm: number): Table {
  const leftMm = widthMm * HEADER_COLUMNS.left;
  const rightMm = widthMm * HEADER_COLUMNS.right;
  const left = [
    ...(h.superiorBody ?? []).map((l) => line(capitals(l), { size: PT.superiorBody })),
    ...h.issuingBody.map((l) => line(capitals(l), { size: PT.issuingBody, bold: true })),
    rule(BODY_RULE_MM, leftMm),
    ...(h.symbol ? [line(numberLine(h), { size: PT.number })] : []),
  ];
  const right = [
    line(NATIONAL_TITLE, { size: PT.nationalTitle, bold: true }),
    line(MOTTO, { size: PT.motto, bold: true }),
    rule(MOTTO_RULE_MM, rightMm),
    line(placeDateLine(h), { size: PT.placeDate, italic: true }),
  ];
  return twoColumns(left, right, leftMm, rightMm);
}

function inlineRuns(runs: Inline[], style: RunStyle): TextRun[] {
  return runs.map((r) => (typeof r === 'string' ? run(r, style) : run(r.text, { ...style, bold: r.bold ?? style.bold, italic: r.italic ?? style.italic })));
}

function bodyParagraph(runs: Inline[], o: { align?: Align; indent?: boolean; bold?: boolean; italic?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'justify'],
    indent: o.indent === false ? undefined : { firstLine: cmToTwip(PARAGRAPH.firstLineCm) },
    spacing: { before: 0, after: AFTER, line: LINE, lineRule: LineRuleType.AUTO },
    children: inlineRuns(runs, { bold: o.bold, italic: o.italic }),
  });
}

function table(block: Extract<Block, { kind: 'table' }>, widthMm: number): Table {
  const widths = block.columns.map((c) => widthMm * c.width);
  const cellText = (text: string, align: Align, bold = false) => new Paragraph({
    alignment: ALIGN[align], spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(text, { size: PT.table, bold })],
  });
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) => cell([cellText(c.header, 'center', true)], widths[i]!)),
  });
  const rows = block.rows.map((r) => new TableRow({
    cantSplit: true,
    children: Array.isArray(r)
      ? r.map((text, i) => cell([cellText(text, block.columns[i]?.align ?? 'left')], widths[i]!))
      : [cell([cellText(r.group, 'left', true)], widthMm, { columnSpan: block.columns.length })],
  }));
  return new Table({
    width: { size: mmToTwip(widthMm), type: WidthType.DXA },
    columnWidths: widths.map(mmToTwip),
    layout: TableLayoutType.FIXED,
    rows: [head, ...rows],
  });
}

const signatureLines = (signature: SignatureBlock): Paragraph[] => [
  ...signature.authority.map((a) => line(capitals(a), { size: PT.signature, bold: true })),
  line(capitals(signature.title), { size: PT.signature, bold: true }),
  ...Array.from({ length: SIGNATURE_SPACE_LINES }, () => line('', { size: PT.signature })),
  line(signature.name, { size: PT.signature, bold: true }),
];

function closing(block: Extract<Block, { kind: 'closing' }>, widthMm: number): Table {
  const rightMm = widthMm * SIGNATURE_COLUMN;
  const leftMm = widthMm - rightMm;
  const left = block.leftSignature ? signatureLines(block.leftSignature)
    : block.recipients.length === 0 ? [line('', { size: PT.recipients })] : [
      line('Nơi nhận:', { size: PT.recipientsLabel, bold: true, italic: true, align: 'left' }),
      ...recipientLines(block.recipients).map((r) => line(r, { size: PT.recipients, align: 'left' })),
    ];
  return twoColumns(left, signatureLines(block.signature), leftMm, rightMm);
}

function blockContent(block: Block, widthMm: number): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'header':
      return [header(block.header, widthMm), line('', { after: 0 })];
    case 'title':
      return [
        line(capitals(block.type), { size: PT.docType, bold: true }),
        ...block.summary.map((s) => line(s, { size: PT.summary, bold: true })),
        rule(BODY_RULE_MM * 1.6, widthMm),
        line('', {}),
      ];
    case 'addressee':
      return block.to.length === 1
        ? [line(`Kính gửi: ${block.to[0]}.`, { after: AFTER * 2 })]
        : [line('Kính gửi:', {}), ...block.to.map((t, i) => line(`- ${t}${i === block.to.length - 1 ? '.' : ';'}`, { after: i === block.to.length - 1 ? AFTER * 2 : 0 }))];
    case 'bases':
      return basisLines(block.bases, block.last).map((b) => bodyParagraph([{ text: b, italic: true }]));
    case 'paragraph':
      return [bodyParagraph(block.runs, block)];
    case 'table':
      return [table(block, widthMm), line('', {})];
    case 'figure':
      return [line(block.caption, { bold: true }), table(block.fallback, widthMm), line('', {})];
    case 'closing':
      return [closing(block, widthMm)];
  }
}

const pageNumberHeader = (): Header => new Header({
  children: [new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: ptToHalfPt(PT.pageNumber) })],
  })],
});

function section(s: DocumentSection, first: boolean): ISectionOptions {
  const widthMm = textWidthMm(s.orientation);
  const numbered = first || s.restartNumbering === true;
  return {
    properties: {
      titlePage: numbered,
      page: {
        size: {
          width: mmToTwip(PAGE_MM.width), height: mmToTwip(PAGE_MM.height),
          orientation: s.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: mmToTwip(MARGIN_MM.top), bottom: mmToTwip(MARGIN_MM.bottom),
          left: mmToTwip(MARGIN_MM.left), right: mmToTwip(MARGIN_MM.right),
          header: mmToTwip(HEADER_FROM_TOP_MM), footer: mmToTwip(FOOTER_FROM_BOTTOM_MM),
        },
        pageNumbers: numbered ? { start: 1 } : {},
      },
    },
    // Page numbers from page 2: the first page of a numbered section has an empty header. Only the first section
    // has headers; the others inherit them (Word's "link to previous"): a header part per section would make a
    // 200-case Báo cáo 400 parts, and its generation several times slower.
    ...(first ? { headers: { default: pageNumberHeader(), first: new Header({ children: [] }) } } : {}),
    children: s.blocks.flatMap((b) => blockContent(b, widthMm)),
  };
}

export function toDocument(doc: OfficialDocument): Document {
  return new Document({
    title: clean(doc.title),
    creator: 'Gương Sáng',
    styles: { default: { document: { run: { font: FONT, size: ptToHalfPt(PT.body) } } } },
    sections: doc.sections.map((s, i) => section(s, i === 0)),
  });
}

export const renderDocx = (doc: OfficialDocument): Promise<Buffer> => Packer.toBuffer(toDocument(doc));
