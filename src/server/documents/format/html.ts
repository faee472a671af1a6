// The OfficialDocument as a print-ready page: the same content as the DOCX, laid out by CSS paged media (A4, the
// margins of constants.ts, landscape sections on named pages, page numbers from page 2 in the top margin). All
// text is escaped; the page has no script, and its only style is the constant sheet below, allowed by its hash
// (no style attributes: column widths are <col width>).
import { createHash } from 'node:crypto';
import { escapeXml } from '../../../shared/xml';
import {
  BODY_RULE_MM, HEADER_COLUMNS, HTML_FONT_STACK, MARGIN_MM, MOTTO, MOTTO_RULE_MM, NATIONAL_TITLE, PAGE_MM,
  PARAGRAPH, PT, SIGNATURE_COLUMN, SIGNATURE_SPACE_LINES,
} from './constants';
import {
  basisLines, capitals, clean, numberLine, placeDateLine, recipientLines,
  type Block, type DocumentHeader, type Inline, type OfficialDocument, type SignatureBlock,
} from './model';

const m = MARGIN_MM;
const pad = `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm`;

export const DOCUMENT_STYLESHEET = `
@page { size: A4 portrait; margin: ${pad}; @top-center { content: counter(page); font: ${PT.pageNumber}pt ${HTML_FONT_STACK}; } }
@page :first { @top-center { content: none; } }
@page landscape { size: A4 landscape; margin: ${pad}; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { margin: 0; font: ${PT.body}pt/${PARAGRAPH.lineSpacing} ${HTML_FONT_STACK}; }
section.landscape { page: landscape; }
section + section { break-before: page; }
p { margin: 0; }
.line { text-align: center; }
.head, .closing { display: grid; break-inside: avoid; }
.head { grid-template-columns: ${HEADER_COLUMNS.left * 100}% ${HEADER_COLUMNS.right * 100}%; margin-bottom: 1em; }
.closing { grid-template-columns: ${(1 - SIGNATURE_COLUMN) * 100}% ${SIGNATURE_COLUMN * 100}%; margin-top: 0.5em; }
.body-name { font-size: ${PT.issuingBody}pt; font-weight: bold; }
.superior { font-size: ${PT.superiorBody}pt; }
.number { font-size: ${PT.number}pt; }
.national { font-size: ${PT.nationalTitle}pt; font-weight: bold; }
.motto { font-size: ${PT.motto}pt; font-weight: bold; }
.place-date { font-size: ${PT.placeDate}pt; font-style: italic; }
.rule { height: 0; margin: 1pt auto 4pt; border-top: 0.75pt solid #000; }
.rule.body { width: ${BODY_RULE_MM}mm; }
.rule.motto { width: ${MOTTO_RULE_MM}mm; }
.rule.title { width: ${BODY_RULE_MM * 1.6}mm; margin-bottom: 1em; }
.doc-type { font-size: ${PT.docType}pt; font-weight: bold; }
.summary { font-size: ${PT.summary}pt; font-weight: bold; }
.addressee { margin-bottom: ${PARAGRAPH.afterPt * 2}pt; }
.text { text-align: justify; text-indent: ${PARAGRAPH.firstLineCm}cm; margin-bottom: ${PARAGRAPH.afterPt}pt; }
.text.flush { text-indent: 0; }
.text.center { text-align: center; } .text.left { text-align: left; } .text.right { text-align: right; }
.basis { font-style: italic; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 1em; font-size: ${PT.table}pt; line-height: 1.2; }
table.grid th, table.grid td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere; }
table.grid tr { break-inside: avoid; }
table.grid td.group { font-weight: bold; }
td.center { text-align: center; } td.right { text-align: right; } td.justify { text-align: justify; }
figure { margin: 0 0 1em; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-height: 225mm; }
figcaption { text-align: center; font-weight: bold; margin-bottom: 4pt; }
.recipients-label { font-size: ${PT.recipientsLabel}pt; font-weight: bold; font-style: italic; }
.recipient { font-size: ${PT.recipients}pt; line-height: 1.2; }
.signature { text-align: center; font-size: ${PT.signature}pt; font-weight: bold; }
.signature .space { height: ${SIGNATURE_SPACE_LINES * 1.2}em; }
@media screen {
  html { background: #d9d9d9; }
  section { width: ${PAGE_MM.width}mm; min-height: ${PAGE_MM.height}mm; padding: ${pad}; margin: 1rem auto; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
  section.landscape { width: ${PAGE_MM.height}mm; min-height: ${PAGE_MM.width}mm; }
}
`.trim();

/** The Content-Security-Policy of the print page: no script, no request, only its own stylesheet. */
export const DOCUMENT_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(DOCUMENT_STYLESHEET).digest('base64')}'`,
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const esc = (text: string): string => escapeXml(clean(text));
const p = (cls: string, text: string): string => `<p class="${cls}">${esc(text)}</p>`;

function header(h: DocumentHeader): string {
  const left = [
    ...(h.superiorBody ?? []).map((l) => p('line superior', capitals(l))),
    ...h.issuingBody.map((l) => p('line body-name', capitals(l))),
    '<div class="rule body"></div>',
    ...(h.symbol ? [p('line number', numberLine(h))] : []),
  ];
  const right = [
    p('line national', NATIONAL_TITLE),
    p('line motto', MOTTO),
    '<div class="rule motto"></div>',
    p('line place-date', placeDateLine(h)),
  ];
  return `<div class="head"><div>${left.join('')}</div><div>${right.join('')}</div></div>`;
}

function inlines(runs: Inline[]): string {
  return runs.map((r) => {
    if (typeof r === 'string') return esc(r);
    let html = esc(r.text);
    if (r.italic) html = `<i>${html}</i>`;
    if (r.bold) html = `<b>${html}</b>`;
    return html;
  }).join('');
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  const cols = block.columns.map((c) => `<col width="${(c.width * 100).toFixed(2)}%">`).join('');
  const head = block.columns.map((c) => `<th>${esc(c.header)}</th>`).join('');
  const rows = block.rows.map((r) => Array.isArray(r)
    ? `<tr>${r.map((text, i) => `<td class="${block.columns[i]?.align ?? 'left'}">${esc(text)}</td>`).join('')}</tr>`
    : `<tr><td class="group" colspan="${block.columns.length}">${esc(r.group)}</td></tr>`).join('');
  return `<table class="grid"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

const signature = (s: SignatureBlock): string => `<div class="signature">${[
  ...s.authority.map((a) => p('', capitals(a))),
  p('', capitals(s.title)),
  '<div class="space"></div>',
  p('', s.name),
].join('')}</div>`;

function closing(b: Extract<Block, { kind: 'closing' }>): string {
  const left = b.leftSignature ? signature(b.leftSignature) : b.recipients.length === 0 ? '<div></div>' : `<div>${[
    p('recipients-label', 'Nơi nhận:'),
    ...recipientLines(b.recipients).map((r) => p('recipient', r)),
  ].join('')}</div>`;
  return `<div class="closing">${left}${signature(b.signature)}</div>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'header': return header(b.header);
    case 'title':
      return [p('line doc-type', capitals(b.type)), ...b.summary.map((s) => p('line summary', s)), '<div class="rule title"></div>'].join('');
    case 'addressee':
      return b.to.length === 1
        ? p('line addressee', `Kính gửi: ${b.to[0]}.`)
        : `<div class="addressee">${p('line', 'Kính gửi:')}${b.to.map((t, i) => p('line', `- ${t}${i === b.to.length - 1 ? '.' : ';'}`)).join('')}</div>`;
    case 'bases': return basisLines(b.bases, b.last).map((l) => p('text basis', l)).join('');
    case 'paragraph': {
      const cls = ['text', b.indent === false ? 'flush' : '', b.align && b.align !== 'justify' ? b.align : ''].filter(Boolean).join(' ');
      const body = inlines(b.runs);
      const styled = b.bold ? `<b>${body}</b>` : b.italic ? `<i>${body}</i>` : body;
      return `<p class="${cls}">${styled}</p>`;
    }
    case 'table': return table(b);
    case 'figure': return `<figure><figcaption>${esc(b.caption)}</figcaption>${b.svg}</figure>`;
    case 'closing': return closing(b);
  }
}

export function renderHtml(doc: OfficialDocument): string {
  const sections = doc.sections.map((s) => `<section class="${s.orientation}">${s.blocks.map(block).join('\n')}</section>`).join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${DOCUMENT_STYLESHEET}</style>
</head>
<body>
${sections}
</body>
</html>
`;
}
