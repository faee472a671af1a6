// The bulletin's HTML: server-rendered, Vietnamese, no inline script or style (the CSP forbids both); a story page
// loads one tiny script file, its "Chia sẻ" button (share-script.ts), and works without it.
import { formatDmy, vietnamDay } from '../../shared/dates';
import { shortened } from '../../shared/text';
import { markup, type Markup } from './markup';
import { SHARE_SCRIPT_ASSET } from './share-script';
import { shareTags, type ShareCard, type ShareImage } from './share-meta';
import type { PublicPhoto, PublicStory } from './story';
import { STYLESHEET_ASSET } from './style';

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

/** A link preview's description: the deed on one line, cut at a word (previews show about this much). */
export const DESCRIPTION_MAX = 200;

/** A story's title where it is not the page's heading (the feed, a link preview). */
export const storyHeadline = (s: PublicStory): string => `${s.subjectName} (${s.commune})`;

const photoAlt = (p: PublicPhoto, index: number, s: PublicStory): string => p.caption || `Ảnh ${index + 1}: ${s.subjectName}`;

function photoFigure(p: PublicPhoto, index: number, s: PublicStory, base: string): Markup {
  const alt = photoAlt(p, index, s);
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

/** What a page adds to its head: its own description, and its share card's tags (share-meta.ts) or script. */
export interface PageHead { description?: string; tags?: Markup }

export function publicLayout(site: PublicSite, title: string, main: Markup, head: PageHead = {}): string {
  return `<!doctype html>\n${markup`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${head.description ?? site.description}">
<link rel="stylesheet" href="${STYLESHEET_ASSET.href}">
<link rel="alternate" type="application/atom+xml" title="${site.feed.title}" href="${site.feed.href}">
${head.tags}
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

const layout = (title: string, main: Markup, head?: PageHead): string => publicLayout(BULLETIN, title, main, head);

/** The app's icon (public/icons), the preview of the bulletin itself and of a story without photos. */
const siteIcon = (origin: string): ShareImage =>
  ({ url: `${origin}/icons/icon-512.png`, type: 'image/png', width: 512, height: 512, alt: BULLETIN_TITLE });

/**
 * A story's preview: its first photo as the public gets it (the full copy, ≤ 1600 px: previews want 1200 × 630 or
 * more and crop it themselves), or the icon.
 */
function storyCard(s: PublicStory, origin: string): ShareCard {
  const photo = s.photos[0];
  return {
    type: 'article', siteName: BULLETIN_TITLE, title: storyHeadline(s), description: shortened(s.deed, DESCRIPTION_MAX),
    url: origin + bulletinPaths.story(s.id), publishedAt: s.publishedAt, large: photo !== undefined,
    image: photo
      ? { url: origin + bulletinPaths.photo(photo.id), type: 'image/jpeg', width: photo.width, height: photo.height, alt: photoAlt(photo, 0, s) }
      : siteIcon(origin),
  };
}

const SHARE_BUTTON = markup`<div class="share"><button type="button" hidden>Chia sẻ</button><span role="status" aria-live="polite"></span></div>`;

/** `origin`: PUBLIC_URL, for the share card's absolute addresses. Only the first page has one (it is the bulletin's). */
export function listPage(stories: PublicStory[], olderCursor: string | null, isFirst: boolean, origin: string): string {
  const body = stories.length > 0
    ? stories.map((s) => storyArticle(s, 2))
    : markup`<p class="empty">${isFirst ? 'Chưa có tin nào được đăng.' : 'Không còn tin cũ hơn.'}</p>`;
  const pager = markup`<nav class="pager" aria-label="Trang">${isFirst ? null : markup`<a href="${bulletinPaths.list}">Tin mới nhất</a>`}${olderCursor ? markup`<a rel="next" href="${bulletinPaths.older(olderCursor)}">Tin cũ hơn</a>` : null}</nav>`;
  const card: ShareCard = {
    type: 'website', siteName: BULLETIN_TITLE, title: BULLETIN_TITLE, description: BULLETIN.description,
    url: origin + bulletinPaths.list, image: siteIcon(origin), large: false,
  };
  const main = markup`<h1 class="visually-hidden">${BULLETIN_TITLE}</h1>${body}${pager}`;
  return isFirst ? layout(BULLETIN_TITLE, main, { tags: shareTags(card) }) : layout(`Tin cũ hơn — ${BULLETIN_TITLE}`, main);
}

/** `origin`: PUBLIC_URL, for the share card's absolute addresses. */
export function storyPage(s: PublicStory, origin: string): string {
  const card = storyCard(s, origin);
  const tags = markup`${shareTags(card)}
<script src="${SHARE_SCRIPT_ASSET.href}" defer></script>`;
  return layout(`${s.subjectName} — ${BULLETIN_TITLE}`, markup`${storyArticle(s, 1)}${SHARE_BUTTON}<nav class="pager"><a href="${bulletinPaths.list}">Tất cả tin</a></nav>`,
    { description: card.description, tags });
}

export function messagePage(title: string, message: string): string {
  return layout(`${title} — ${BULLETIN_TITLE}`, markup`<h1>${title}</h1><p class="message">${message}</p><nav class="pager"><a href="${bulletinPaths.list}">Về bản tin</a></nav>`);
}
