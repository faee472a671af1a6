// The print document every certificate page shares: A4 landscape sheets with no page margin, Times New Roman,
// a toolbar on screen only. The app's CSP forbids inline style and script; this page carries its own, one
// <style> and one <script>, allowed by their hashes and nothing else (no network, no forms, no frames).
import { createHash } from 'node:crypto';
import { Markup, markup } from '../bulletin/markup';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const BASE_CSS = `
@page { size: A4 landscape; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { background: #e5e5e5; color: #000; font-family: "Times New Roman", "Liberation Serif", Tinos, Times, serif; }
.toolbar { font: 15px/1.5 system-ui, sans-serif; padding: 0.75rem 1rem; background: #fff; border-bottom: 1px solid #bbb; }
.toolbar h1 { font-size: 1.15rem; margin: 0 0 0.25rem; }
.toolbar p { margin: 0.25rem 0; }
.toolbar button { font: inherit; font-weight: 600; padding: 0.4rem 1rem; min-height: 44px; }
.sheet { position: relative; width: 297mm; height: 210mm; overflow: hidden; background: #fff; margin: 10mm auto; box-shadow: 0 1px 6px rgba(0,0,0,0.3); }
.f { position: absolute; margin: 0; line-height: 1.25; overflow-wrap: anywhere; }
.f-name { font-weight: bold; }
.f-placeDate { font-style: italic; }
@media print {
  body { background: none; }
  .toolbar { display: none; }
  .sheet { margin: 0; box-shadow: none; break-after: page; }
  .sheet:last-of-type { break-after: auto; }
}
`;

const PRINT_SCRIPT = "document.getElementById('print').addEventListener('click', function () { window.print(); });";

export interface PrintPage { html: string; csp: string }

/**
 * A document of `sheets` (each a <section class="sheet">) with `css` after the shared rules. `advice` is shown
 * above the sheets on screen and never printed.
 */
export function printDocument(title: string, advice: Markup, sheets: Markup, css = ''): PrintPage {
  // Made here from fixed rules and validated numbers: nothing a user typed is ever in it.
  const style = BASE_CSS + css;
  const html = `<!doctype html>\n${markup`<html lang="vi">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>${new Markup(style)}</style>
</head>
<body>
<header class="toolbar">
<h1>${title}</h1>
${advice}
<p><button type="button" id="print">In</button></p>
</header>
${sheets}
<script>${new Markup(PRINT_SCRIPT)}</script>
</body>
</html>`}`;
  const csp = [
    "default-src 'none'", `style-src ${hash(style)}`, `script-src ${hash(PRINT_SCRIPT)}`,
    "img-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}
