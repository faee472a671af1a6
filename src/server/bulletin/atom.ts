// The Atom 1.0 feed (RFC 4287) the provincial paper and radio subscribe to: the newest stories, each with its
// text as escaped HTML and its photos as enclosures (metadata stripped, see photos.ts).
import { markup } from './markup';
import { BULLETIN_TITLE, bulletinPaths, storyArticle, storyHeadline } from './page';
import type { PublicPhoto, PublicStory } from './story';

/** The feed's permanent id: it must not change with the server's address. */
const FEED_ID = 'urn:uuid:71d70d1e-740c-4aeb-a278-5b9c7390936b';
/** `updated` of a feed with no entry yet. */
const NOTHING_YET = '1970-01-01T00:00:00Z';

export type PhotoSize = (photo: PublicPhoto) => Promise<number>;

async function entry(s: PublicStory, origin: string, sizeOf: PhotoSize) {
  const enclosures = [];
  for (const p of s.photos) {
    enclosures.push(markup`<link rel="enclosure" type="image/jpeg" length="${await sizeOf(p)}" href="${origin + bulletinPaths.photo(p.id)}"${p.caption ? markup` title="${p.caption}"` : null}/>`);
  }
  return markup`<entry>
<id>urn:uuid:${s.id}</id>
<title>${storyHeadline(s)}</title>
<published>${s.publishedAt}</published>
<updated>${s.publishedAt}</updated>
<link rel="alternate" type="text/html" href="${origin + bulletinPaths.story(s.id)}"/>
${enclosures}
<content type="html">${storyArticle(s, 2, origin).text}</content>
</entry>
`;
}

/**
 * `origin`: PUBLIC_URL, never the request's Host (the feed sits in shared caches); Atom links are absolute.
 * Newest story first. One photo size at a time: an unknown size means reading the photo, and a feed may name
 * hundreds.
 */
export async function atomFeed(stories: PublicStory[], origin: string, sizeOf: PhotoSize): Promise<string> {
  const entries = [];
  for (const s of stories) entries.push(await entry(s, origin, sizeOf));
  return `<?xml version="1.0" encoding="utf-8"?>\n${markup`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<id>${FEED_ID}</id>
<title>${BULLETIN_TITLE}</title>
<subtitle>Gương người tốt, việc tốt đã được khen thưởng, đăng với sự đồng ý của người được khen</subtitle>
<updated>${stories[0]?.publishedAt ?? NOTHING_YET}</updated>
<author><name>Gương Sáng — Hội đồng Thi đua, Khen thưởng tỉnh Lai Châu</name></author>
<link rel="self" type="application/atom+xml" href="${origin + bulletinPaths.feed}"/>
<link rel="alternate" type="text/html" href="${origin + bulletinPaths.list}"/>
<generator>Gương Sáng</generator>
${entries}
</feed>`}\n`;
}
