// The bulletin's HTML: server-rendered, no script, no inline style (the CSP forbids both), Vietnamese.
import { formatDmy, vietnamDay } from '../../shared/dates';
import { markup, type Markup } from './markup';
import type { PublicPhoto, PublicStory } from './story';
import { STYLESHEET_PATH } from './style';

export const BULLETIN_TITLE = 'Người tốt, việc tốt tỉnh Lai Châu';
export const bulletinPaths = {
  list: '/ban-tin',
  story: (id: string) => `/ban-tin/${id}`,
  photo: (publicId: string) => `/ban-tin/anh/${publicId}`,
  feed: '/ban-tin/feed.atom',
  older: (cursor: string) => `/ban-tin?truoc=${encodeURIComponent(cursor)}`,
} as const;

function commendationLine(s: PublicStory): Markup | null {
  const c = s.commendation;
  if (!c) return null;
  const number = c.decisionNumber ? markup` số ${c.decisionNumber}` : null;
  const date = c.decisionDate ? markup` ngày ${formatDmy(c.decisionDate)}` : null;
  const decision = number || date ? markup`, Quyết định${number}${date}` : null;
  return markup`<p class="award"><strong>Khen thưởng:</strong> ${c.form}${decision}</p>`;
}

function photoFigure(p: PublicPhoto, index: number, s: PublicStory, base: string): Markup {
  const alt = p.caption || `Ảnh ${index + 1}: ${s.subjectName}`;
  // The thumbnail keeps the photo's proportions: its full size gives the browser the aspect ratio.
  return markup`<figure><a href="${base + bulletinPaths.photo(p.id)}"><img src="${base + bulletinPaths.photo(p.thumbId)}" alt="${alt}" width="${p.width}" height="${p.height}" loading="lazy"></a>${p.caption ? markup`<figcaption>${p.caption}</figcaption>` : null}</figure>`;
}

/**
 * One story. `heading` 1 on its own page, 2 in the list; `base` is '' on the site, the origin in the feed
 * (feed readers resolve links against other documents).
 */
export function storyArticle(s: PublicStory, heading: 1 | 2, base = ''): Markup {
  const name = heading === 1 ? markup`<h1>${s.subjectName}</h1>` : markup`<h2><a href="${base + bulletinPaths.story(s.id)}">${s.subjectName}</a></h2>`;
  return markup`<article class="story">
<header>${name}<p class="meta">${s.commune} · Đăng ngày <time datetime="${s.publishedAt}">${formatDmy(vietnamDay(s.publishedAt))}</time></p></header>
<h3>Việc làm</h3><p class="text">${s.deed}</p>
<h3>Kết quả</h3><p class="text">${s.result}</p>
${commendationLine(s)}
${s.photos.length > 0 ? markup`<div class="photos">${s.photos.map((p, i) => photoFigure(p, i, s, base))}</div>` : null}
</article>`;
}

/** A public site's frame: the bulletin, and the public notices of proposal batches (notice/). */
export interface PublicSite {
  kicker: string;
  name: string;
  home: string;
  description: string;
  feed: { title: string; href: string; line: string };
  colophon: string;
}

const BULLETIN: PublicSite = {
  kicker: 'Gương Sáng · Bản tin cho báo, đài',
  name: BULLETIN_TITLE,
  home: bulletinPaths.list,
  description: 'Những gương người tốt, việc tốt đã được khen thưởng ở tỉnh Lai Châu, đăng với sự đồng ý của người được khen.',
  feed: { title: BULLETIN_TITLE, href: bulletinPaths.feed, line: 'để báo, đài nhận tin mới tự động' },
  colophon: 'Tin đăng khi người được khen thưởng đồng ý; nếu họ rút lại sự đồng ý, tin được gỡ khỏi bản tin.',
};

export function publicLayout(site: PublicSite, title: string, main: Markup): string {
  return `<!doctype html>\n${markup`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${site.description}">
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="alternate" type="application/atom+xml" title="${site.feed.title}" href="${site.feed.href}">
</head>
<body>
<header class="masthead">
<p class="kicker">${site.kicker}</p>
<p class="title"><a href="${site.home}">${site.name}</a></p>
<p class="feed"><a href="${site.feed.href}">Nguồn tin Atom</a> ${site.feed.line}</p>
</header>
<main>
${main}
</main>
<footer class="colophon"><p>${site.colophon}</p></footer>
</body>
</html>`}\n`;
}

const layout = (title: string, main: Markup): string => publicLayout(BULLETIN, title, main);

export function listPage(stories: PublicStory[], olderCursor: string | null, isFirst: boolean): string {
  const body = stories.length > 0
    ? stories.map((s) => storyArticle(s, 2))
    : markup`<p class="empty">${isFirst ? 'Chưa có tin nào được đăng.' : 'Không còn tin cũ hơn.'}</p>`;
  const pager = markup`<nav class="pager" aria-label="Trang">${isFirst ? null : markup`<a href="${bulletinPaths.list}">Tin mới nhất</a>`}${olderCursor ? markup`<a rel="next" href="${bulletinPaths.older(olderCursor)}">Tin cũ hơn</a>` : null}</nav>`;
  return layout(isFirst ? BULLETIN_TITLE : `Tin cũ hơn — ${BULLETIN_TITLE}`, markup`<h1 class="visually-hidden">${BULLETIN_TITLE}</h1>${body}${pager}`);
}

export function storyPage(s: PublicStory): string {
  return layout(`${s.subjectName} — ${BULLETIN_TITLE}`, markup`${storyArticle(s, 1)}<nav class="pager"><a href="${bulletinPaths.list}">Tất cả tin</a></nav>`);
}

export function messagePage(title: string, message: string): string {
  return layout(`${title} — ${BULLETIN_TITLE}`, markup`<h1>${title}</h1><p class="message">${message}</p><nav class="pager"><a href="${bulletinPaths.list}">Về bản tin</a></nav>`);
}
