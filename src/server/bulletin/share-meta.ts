// What a link to the bulletin shows where people share it (Zalo, Facebook, Messenger…): Open Graph and Twitter card
// tags. page.ts builds the card from a PublicStory only (story.ts's allow-list), so nothing the page does not show
// can get in; every address is absolute from PUBLIC_URL, never from the request's Host (the pages sit in shared
// caches, as the feed does).
import { markup, type Markup } from './markup';

export interface ShareImage { url: string; type: string; width: number; height: number; alt: string }

export interface ShareCard {
  type: 'article' | 'website';
  siteName: string;
  title: string;
  description: string;
  url: string;
  image: ShareImage;
  /** A story's photo gets the large preview; the site's icon the small one. */
  large: boolean;
  publishedAt?: string;
}

const property = (name: string, content: string | number | undefined): Markup | null =>
  content === undefined ? null : markup`<meta property="${name}" content="${content}">\n`;

export function shareTags(c: ShareCard): Markup {
  return markup`<link rel="canonical" href="${c.url}">
${property('og:type', c.type)}${property('og:site_name', c.siteName)}${property('og:locale', 'vi_VN')}${property('og:title', c.title)}${property('og:description', c.description)}${property('og:url', c.url)}${property('article:published_time', c.publishedAt)}${property('og:image', c.image.url)}${property('og:image:type', c.image.type)}${property('og:image:width', c.image.width)}${property('og:image:height', c.image.height)}${property('og:image:alt', c.image.alt)}<meta name="twitter:card" content="${c.large ? 'summary_large_image' : 'summary'}">`;
}
