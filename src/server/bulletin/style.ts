// The bulletin's stylesheet (assets.ts serves it).
import { asset } from './assets';

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1d1b18; --muted: #5d5850; --line: #ddd6c8; --paper: #fbf8f2; --accent: #9b1c1c; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.6 "Noto Serif", Georgia, "Times New Roman", serif; }
a { color: var(--accent); }
.masthead, main, .colophon { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
.masthead { padding-top: 1.5rem; padding-bottom: 1rem; border-bottom: 3px double var(--ink); }
.masthead .kicker { margin: 0; font: 600 0.8rem/1.4 system-ui, sans-serif; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
.masthead .title { margin: 0.2rem 0; font-size: 1.9rem; font-weight: 700; line-height: 1.2; }
.masthead .title a { color: var(--ink); text-decoration: none; }
.masthead .feed { margin: 0; font: 0.85rem/1.4 system-ui, sans-serif; color: var(--muted); }
.story { padding: 1.5rem 0; border-bottom: 1px solid var(--line); }
.story h1, .story h2 { margin: 0; font-size: 1.5rem; line-height: 1.25; }
.story h2 a { color: var(--ink); text-decoration: none; }
.story h2 a:hover, .story h2 a:focus { text-decoration: underline; }
.story h3 { margin: 1rem 0 0.2rem; font: 600 0.8rem/1.4 system-ui, sans-serif; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.story .meta { margin: 0.3rem 0 0; font: 0.9rem/1.4 system-ui, sans-serif; color: var(--muted); }
.story .text { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
.story .award { margin: 1rem 0 0; padding: 0.5rem 0.75rem; background: #f3ead7; border-left: 3px solid var(--accent); }
.photos { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.75rem; margin-top: 1rem; }
.photos figure { margin: 0; }
.photos img { display: block; width: 100%; height: auto; border: 1px solid var(--line); background: #eee; }
.photos figcaption { margin-top: 0.25rem; font: 0.85rem/1.4 system-ui, sans-serif; color: var(--muted); }
.pager { display: flex; justify-content: space-between; gap: 1rem; padding: 1.5rem 0; font-family: system-ui, sans-serif; }
.pager a[rel="next"] { margin-left: auto; }
.empty, .message { padding: 2rem 0; color: var(--muted); }
.colophon { padding-top: 1rem; padding-bottom: 2rem; font: 0.85rem/1.5 system-ui, sans-serif; color: var(--muted); }
.notice .cases { margin: 0.5rem 0 0; padding-left: 1.5rem; }
.notice .cases li { margin: 0 0 1rem; }
.notice .cases h3 { margin: 0; font: 700 1.05rem/1.4 "Noto Serif", Georgia, serif; letter-spacing: 0; text-transform: none; color: var(--ink); }
.notice .withheld { margin: 0.5rem 0 0; font-style: italic; color: var(--muted); }
.comment { padding: 1.5rem 0; }
.comment h2 { margin: 0 0 0.5rem; font-size: 1.3rem; }
.comment form { display: grid; gap: 0.35rem; font-family: system-ui, sans-serif; }
.comment label { margin-top: 0.5rem; font-weight: 600; }
.comment input, .comment textarea { width: 100%; padding: 0.5rem; font: inherit; border: 1px solid var(--muted); border-radius: 4px; background: #fff; }
.comment button { justify-self: start; margin-top: 0.75rem; padding: 0.6rem 1.2rem; font: 600 1rem system-ui, sans-serif; color: #fff; background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
.comment .error { padding: 0.5rem 0.75rem; color: var(--accent); background: #fbe9e9; border-left: 3px solid var(--accent); }
.share { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; margin: 1rem 0 0; font-family: system-ui, sans-serif; }
.share button { padding: 0.5rem 1.1rem; font: 600 1rem system-ui, sans-serif; color: #fff; background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
.share button[hidden] { display: none; }
.share input { flex: 1 1 16rem; padding: 0.4rem; font: 0.9rem system-ui, sans-serif; border: 1px solid var(--muted); border-radius: 4px; }
.share [role="status"] { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media print { .pager, .share, .masthead .feed, .comment { display: none; } body { background: #fff; } }
`.trimStart();

export const STYLESHEET_ASSET = asset('/ban-tin.css', 'text/css; charset=utf-8', STYLESHEET);
