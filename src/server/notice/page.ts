// The public notice's HTML, in the bulletin's frame and stylesheet (no script, no inline style, every value escaped
// by `markup`): the batch, its public cases, and the comment form, an ordinary form that works without script.
import { publicNoticePaths } from '../../shared/batch-protocol';
import { formatDateTime, formatDmy } from '../../shared/dates';
import { NOTICE_COMMENT, NOTICE_FORM_FIELDS } from '../../shared/notice-protocol';
import { markup, type Markup } from '../bulletin/markup';
import { BULLETIN_TITLE, bulletinPaths, publicLayout, type PublicSite } from '../bulletin/page';
import type { PublicNotice } from './repo';

export const NOTICE_TITLE = 'Lấy ý kiến nhân dân về đề nghị khen thưởng';

const SITE: PublicSite = {
  kicker: 'Gương Sáng · Lấy ý kiến nhân dân',
  name: BULLETIN_TITLE,
  home: bulletinPaths.list,
  description: 'Lấy ý kiến nhân dân về những trường hợp được đề nghị khen thưởng ở tỉnh Lai Châu, trước khi cấp có thẩm quyền quyết định.',
  feed: { title: `${NOTICE_TITLE} — các đợt đang lấy ý kiến`, href: publicNoticePaths.feed, line: 'các đợt đang lấy ý kiến nhân dân' },
  colophon: 'Chỉ công bố tên những người đã đồng ý; những trường hợp khác chỉ nêu số lượng. Ý kiến gửi đến Hội đồng Thi đua – Khen thưởng để xem xét.',
};

/** "Tờ trình số 12/TTr-UBND ngày 05/12/2026" (the number may still be blank). */
export const documentLine = (n: PublicNotice): string => `Tờ trình số ${n.number || '…'}/${n.symbol} ngày ${formatDmy(n.docDate)}`;

const withheldLine = (n: PublicNotice): Markup | null => {
  if (n.withheld === 0) return null;
  const text = n.cases.length > 0
    ? `và ${n.withheld} trường hợp khác không công bố tên theo nguyện vọng`
    : `${n.withheld} trường hợp được đề nghị, không công bố tên theo nguyện vọng`;
  return markup`<p class="withheld">${text}</p>`;
};

/**
 * The notice itself. `heading` 1 on its page, 2 in the feed; `base` '' on the site, the origin in the feed (feed
 * readers resolve links against other documents).
 */
export function noticeArticle(n: PublicNotice, heading: 1 | 2, base = ''): Markup {
  const title = heading === 1 ? markup`<h1>${NOTICE_TITLE}</h1>` : markup`<h2><a href="${base + publicNoticePaths.page(n.publicId)}">${NOTICE_TITLE}</a></h2>`;
  const cases = n.cases.map((c) => markup`<li><h3>${c.subjectName}</h3><p class="meta">${c.commune} · Đề nghị: ${c.form}</p><p class="text">${c.deed}</p></li>`);
  return markup`<article class="story notice">
<header>${title}<p class="meta">${n.proposingBody} · ${documentLine(n)}</p></header>
<p class="text">Cấp quyết định: ${n.authority}</p>
<p class="award">Thời gian lấy ý kiến: từ <time datetime="${n.from}">${formatDateTime(n.from)}</time> đến <time datetime="${n.until}">${formatDateTime(n.until)}</time></p>
<h3>Danh sách đề nghị khen thưởng</h3>
${cases.length > 0 ? markup`<ol class="cases">${cases}</ol>` : null}
${withheldLine(n)}
</article>`;
}

/** What a citizen typed, sent back with the form when it was refused. */
export interface CommentDraft { name: string; body: string; error?: string }

function commentForm(n: PublicNotice, draft: CommentDraft): Markup {
  const { name, body } = NOTICE_FORM_FIELDS;
  return markup`<section class="comment" aria-labelledby="gop-y">
<h2 id="gop-y">Gửi ý kiến</h2>
<p>Ai cũng có thể góp ý, không cần tài khoản. Ý kiến được gửi đến Hội đồng Thi đua – Khen thưởng và được xem xét trước khi quyết định khen thưởng.</p>
${draft.error ? markup`<p class="error" id="loi-y-kien" role="alert">${draft.error}</p>` : null}
<form method="post" action="${publicNoticePaths.comment(n.publicId)}">
<label for="${name}">Họ tên (không bắt buộc)</label>
<input id="${name}" name="${name}" maxlength="${NOTICE_COMMENT.nameMax}" autocomplete="name" value="${draft.name}">
<label for="${body}">Ý kiến (từ ${NOTICE_COMMENT.min} đến ${NOTICE_COMMENT.max} ký tự)</label>
<textarea id="${body}" name="${body}" rows="6" required minlength="${NOTICE_COMMENT.min}" maxlength="${NOTICE_COMMENT.max}"${draft.error ? markup` aria-invalid="true" aria-describedby="loi-y-kien"` : null}>${draft.body}</textarea>
<button type="submit">Gửi ý kiến</button>
</form>
</section>`;
}

export const noticePage = (n: PublicNotice, draft: CommentDraft = { name: '', body: '' }): string =>
  publicLayout(SITE, `${NOTICE_TITLE} — ${n.proposingBody}`, markup`${noticeArticle(n, 1)}${commentForm(n, draft)}`);

/** A short page: the notice ended, was not found, a comment was received or refused. */
export function noticeMessage(title: string, text: string, back?: { href: string; label: string }): string {
  const link = back ?? { href: bulletinPaths.list, label: 'Về bản tin' };
  return publicLayout(SITE, `${title} — ${NOTICE_TITLE}`, markup`<h1>${title}</h1><p class="message">${text}</p><nav class="pager"><a href="${link.href}">${link.label}</a></nav>`);
}
