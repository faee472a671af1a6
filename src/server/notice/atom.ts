// The Atom 1.0 feed (RFC 4287) of the notices running now: one entry per batch, its public page as the link and
// the page's own article as the content (so nothing beyond the page's allow-list).
import { createHash } from 'node:crypto';
import { publicNoticePaths } from '../../shared/batch-protocol';
import { markup } from '../bulletin/markup';
import { NOTICE_TITLE, documentLine, noticeArticle } from './page';
import type { PublicNotice } from './repo';

/** The feed's permanent id: it must not change with the server's address. */
const FEED_ID = 'urn:uuid:5b0f3c52-9a41-4d2e-8f7a-2c6e1d9b4a70';
const NOTHING_YET = '1970-01-01T00:00:00Z';

/** A name-based UUID (RFC 9562 version 8, from SHA-256) for an entry: the same notice keeps its id. */
function entryId(n: PublicNotice): string {
  const hex = createHash('sha256').update(`cong-khai:${n.publicId}:${n.from}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const entry = (n: PublicNotice, origin: string) => markup`<entry>
<id>${entryId(n)}</id>
<title>${n.proposingBody}: ${documentLine(n)}</title>
<published>${n.from}</published>
<updated>${n.from}</updated>
<link rel="alternate" type="text/html" href="${origin + publicNoticePaths.page(n.publicId)}"/>
<content type="html">${noticeArticle(n, 2, origin).text}</content>
</entry>
`;

/** `origin`: PUBLIC_URL, never the request's Host (the feed sits in shared caches). Newest notice first. */
export function noticeFeed(notices: readonly PublicNotice[], origin: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${markup`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<id>${FEED_ID}</id>
<title>${NOTICE_TITLE}</title>
<subtitle>Các đợt đề nghị khen thưởng đang lấy ý kiến nhân dân ở tỉnh Lai Châu</subtitle>
<updated>${notices[0]?.from ?? NOTHING_YET}</updated>
<author><name>Gương Sáng — Hội đồng Thi đua, Khen thưởng tỉnh Lai Châu</name></author>
<link rel="self" type="application/atom+xml" href="${origin + publicNoticePaths.feed}"/>
<generator>Gương Sáng</generator>
${notices.map((n) => entry(n, origin))}
</feed>`}\n`;
}
