// The certificate sheets: the text fields at a form's calibrated positions (on blanks), the same over the
// calibration grid (the test print), and the plain full certificate. Every text goes through `markup` (escaped).
import {
  CERTIFICATE_FIELDS, MM_PER_PT, SHEET_MM, certificateFieldNames, type CertificateField, type CertificateLayout,
} from '../../shared/certificate-protocol';
import { markup, type Markup } from '../bulletin/markup';

export type CertificateTexts = Record<CertificateField, string>;

/** What a full certificate prints besides the texts: who decides and signs. */
export interface Signature { authority: string; title: string; signer: string }

const num = (n: number) => String(Math.round(n * 100) / 100);

/** The positions of each layout, scoped to its class ("layout-0", …). */
export function layoutCss(layouts: ReadonlyArray<{ cls: string; layout: CertificateLayout }>): string {
  return layouts.map(({ cls, layout }) => CERTIFICATE_FIELDS.map((field) => {
    const f = layout[field];
    return `.${cls} .f-${field} { left: ${num(f.x)}mm; top: ${num(f.y)}mm; width: ${num(f.width)}mm; font-size: ${num(f.fontSize)}pt; text-align: ${f.align}; }\n`;
  }).join('')).join('');
}

const fields = (texts: CertificateTexts): Markup[] =>
  CERTIFICATE_FIELDS.map((field) => markup`<p class="f f-${field}">${texts[field]}</p>`);

/** One blank's text fields (the blank itself carries the rest). */
export const blankSheet = (cls: string, texts: CertificateTexts): Markup =>
  markup`<section class="sheet ${cls}">${fields(texts)}</section>\n`;

/** The calibration grid: a line every 5 mm (every 10 mm darker and labelled along the top and left edges). */
function grid(): Markup {
  const lines: Markup[] = [];
  for (let x = 5; x < SHEET_MM.width; x += 5) {
    lines.push(markup`<line x1="${x}" y1="0" x2="${x}" y2="${SHEET_MM.height}" class="${x % 10 === 0 ? 'major' : 'minor'}"/>`);
    if (x % 10 === 0) lines.push(markup`<text x="${x}" y="4" class="ruler" text-anchor="middle">${x}</text>`);
  }
  for (let y = 5; y < SHEET_MM.height; y += 5) {
    lines.push(markup`<line x1="0" y1="${y}" x2="${SHEET_MM.width}" y2="${y}" class="${y % 10 === 0 ? 'major' : 'minor'}"/>`);
    if (y % 10 === 0) lines.push(markup`<text x="1.2" y="${y + 1}" class="ruler">${y}</text>`);
  }
  return markup`${lines}`;
}

function fieldBoxes(layout: CertificateLayout): Markup[] {
  return CERTIFICATE_FIELDS.map((field) => {
    const f = layout[field];
    const height = f.fontSize * MM_PER_PT * 1.25;
    const caption = `${certificateFieldNames[field]}: x ${num(f.x)}, y ${num(f.y)}, rộng ${num(f.width)} mm, ${num(f.fontSize)} pt`;
    return markup`<rect x="${num(f.x)}" y="${num(f.y)}" width="${num(f.width)}" height="${num(height)}" class="box"/><text x="${num(f.x)}" y="${num(Math.max(f.y - 0.8, 2))}" class="caption">${caption}</text>`;
  });
}

/** The test print: the grid, each field's box and caption, and sample texts where the real ones will print. */
export function testSheet(cls: string, formName: string, layout: CertificateLayout, sample: CertificateTexts): Markup {
  return markup`<section class="sheet test ${cls}">
<svg class="grid" viewBox="0 0 ${SHEET_MM.width} ${SHEET_MM.height}" aria-hidden="true">${grid()}${fieldBoxes(layout)}<text x="12" y="${SHEET_MM.height - 3}" class="caption">In thử căn chỉnh phôi: ${formName}. Khổ A4 ngang; ô kẻ 5 mm, số ghi milimét từ mép trên và mép trái tờ giấy.</text></svg>
${fields(sample)}
</section>\n`;
}

export const TEST_CSS = `
.grid { position: absolute; left: 0; top: 0; width: ${SHEET_MM.width}mm; height: ${SHEET_MM.height}mm; }
.grid line { stroke-width: 0.1; }
.grid line.minor { stroke: #d8d8d8; }
.grid line.major { stroke: #9a9a9a; stroke-width: 0.2; }
.grid text { font-family: "Liberation Sans", Arial, sans-serif; fill: #555; }
.grid .ruler { font-size: 2.6px; }
.grid .caption { font-size: 2.2px; fill: #1d4ed8; }
.grid .box { fill: none; stroke: #1d4ed8; stroke-width: 0.25; stroke-dasharray: 1 0.7; }
`;

/** A whole certificate on plain paper, for when no blanks are at hand. */
export function fullSheet(texts: CertificateTexts, award: string, signature: Signature): Markup {
  return markup`<section class="sheet full"><div class="frame">
<p class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p class="motto">Độc lập - Tự do - Hạnh phúc</p>
<p class="authority">${signature.authority.toLocaleUpperCase('vi')}</p>
<p class="award">${award}</p>
<p class="name">${texts.name}</p>
<p class="achievement">${texts.achievement}</p>
<div class="foot">
<p class="decision">${texts.decision}</p>
<div class="sign"><p class="place">${texts.placeDate}</p><p class="title">${signature.title}</p><p class="signer">${signature.signer}</p></div>
</div>
</div></section>\n`;
}

export const FULL_CSS = `
.full .frame { position: absolute; inset: 9mm; border: 1.6mm double #9b1c1c; padding: 10mm 22mm 12mm; display: flex; flex-direction: column; align-items: center; text-align: center; }
.full p { margin: 0; }
.full .nation { font-weight: bold; font-size: 13pt; }
.full .motto { font-weight: bold; font-size: 14pt; padding-bottom: 1mm; border-bottom: 0.3mm solid #000; }
.full .authority { margin-top: 10mm; font-weight: bold; font-size: 16pt; }
.full .award { margin-top: 5mm; font-weight: bold; font-size: 30pt; color: #9b1c1c; letter-spacing: 0.5mm; }
.full .name { margin-top: 8mm; font-weight: bold; font-size: 24pt; }
.full .achievement { margin-top: 5mm; font-size: 16pt; max-width: 210mm; line-height: 1.35; }
.full .foot { margin-top: auto; width: 100%; display: flex; justify-content: space-between; align-items: flex-end; }
.full .decision { font-size: 12pt; text-align: left; }
.full .sign { width: 105mm; }
.full .place { font-style: italic; font-size: 13pt; }
.full .title { font-weight: bold; font-size: 13pt; margin-top: 1mm; }
.full .signer { font-weight: bold; font-size: 14pt; margin-top: 24mm; }
`;
