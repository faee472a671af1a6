// The public notice (no account), shared/batch-protocol.ts publicNoticePaths:
//   GET  /cong-khai/feed.atom         the notices running now (Atom)
//   GET  /cong-khai/{publicId}        the notice while it runs; 410 once it ended or the batch left 'submitted'
//   POST /cong-khai/{publicId}/gop-y  a comment (an ordinary HTML form): a page thanking, or the form again with
//                                     the reason (422), or 429 past the limits; nothing stored on any refusal
// Every answer is a page a person reads (Vietnamese), in the bulletin's frame, headers and cache rules.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { publicNoticePaths } from '../../shared/batch-protocol';
import { formatDateTime } from '../../shared/dates';
import { uuidv7 } from '../../shared/ids';
import { NOTICE_FORM_FIELDS } from '../../shared/notice-protocol';
import { NoticeCommentSchema } from '../../shared/notice-schemas';
import { tagged } from '../bulletin/cache';
import { cachedText, HTML } from '../bulletin/routes';
import { writeTransaction, lockKey } from '../db/transaction';
import { timeOf, type Deps } from '../deps';
import { readText, requireContentType } from '../http/body';
import type { AppContext, AppEnv } from '../http/context';
import { ApiFailure } from '../http/errors';
import { clientIp } from '../http/request-info';
import { noticeFeed } from './atom';
import { CommentLimiter } from './limiter';
import { noticeMessage, noticePage, type CommentDraft } from './page';
import { batchByPublicId, countComments, isOpen, publicNotice, runningNotices, type NoticeBatchRow } from './repo';

/** One address: at most this many comments an hour, on all notices together. */
export const COMMENTS_PER_ADDRESS = 5;
export const COMMENT_WINDOW_MS = 3600_000;
/** One notice: at most this many comments while it runs (a flood from many addresses stops here). */
export const COMMENTS_PER_NOTICE = 500;
const FORM_MAX_BYTES = 16 * 1024;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const PUBLIC_ID = /^[A-Za-z0-9_-]{1,64}$/;

const page = (c: AppContext, status: ContentfulStatusCode, html: string, headers: Record<string, string> = {}): Response =>
  c.body(html, status, { 'Content-Type': HTML, 'Cache-Control': 'no-store', ...headers });

const ENDED = ['Thời gian lấy ý kiến đã kết thúc', 'Đợt lấy ý kiến nhân dân này đã kết thúc. Cảm ơn bạn đã quan tâm.'] as const;
const notFoundPage = (c: AppContext) =>
  page(c, 404, noticeMessage('Không tìm thấy', 'Không có đợt lấy ý kiến nhân dân nào ở địa chỉ này. Hãy kiểm tra lại đường dẫn.'));
const endedPage = (c: AppContext) => page(c, 410, noticeMessage(...ENDED));

/** The form's fields ('' when absent); 413/415/400 as ApiFailure. */
async function readForm(c: AppContext): Promise<URLSearchParams> {
  requireContentType(c, FORM_TYPE, 'application/x-www-form-urlencoded');
  return new URLSearchParams(await readText(c, FORM_MAX_BYTES));
}

export function noticePublicRoutes(deps: Deps): Hono<AppEnv> {
  const { db, config } = deps;
  const limiter = new CommentLimiter(COMMENTS_PER_ADDRESS, COMMENT_WINDOW_MS);
  const app = new Hono<AppEnv>();

  // The comment form posts back here: with the app's "no-referrer", a browser would send that post with
  // "Origin: null", which the origin check (http/origin-check.ts) refuses. Same-origin requests keep their origin;
  // other sites still get no referrer.
  app.use('*', async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'same-origin');
  });

  app.get('/feed.atom', async (c) => {
    const notices = await runningNotices(db, timeOf(deps).toISOString());
    return cachedText(c, tagged(noticeFeed(notices, config.publicUrl)), 'application/atom+xml; charset=utf-8');
  });

  /** The batch behind a public id while its notice runs, else the answer to give. */
  const openNotice = async (c: AppContext, publicId: string): Promise<NoticeBatchRow | Response> => {
    const batch = PUBLIC_ID.test(publicId) ? await batchByPublicId(db, publicId) : undefined;
    if (!batch?.notice_from) return notFoundPage(c); // never posted: it was never public
    return isOpen(batch, timeOf(deps).toISOString()) ? batch : endedPage(c);
  };

  app.get('/:publicId', async (c) => {
    const batch = await openNotice(c, c.req.param('publicId'));
    if (batch instanceof Response) return batch;
    return cachedText(c, tagged(noticePage(await publicNotice(db, batch))), HTML);
  });

  app.post('/:publicId/gop-y', async (c) => {
    const batch = await openNotice(c, c.req.param('publicId'));
    if (batch instanceof Response) return batch;
    let form: URLSearchParams;
    try {
      form = await readForm(c);
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      return page(c, err.status, noticeMessage('Chưa gửi được ý kiến', err.body.message, { href: publicNoticePaths.page(batch.public_id), label: 'Về trang lấy ý kiến' }));
    }
    const draft: CommentDraft = { name: form.get(NOTICE_FORM_FIELDS.name) ?? '', body: form.get(NOTICE_FORM_FIELDS.body) ?? '' };
    const parsed = v.safeParse(NoticeCommentSchema, draft, { abortPipeEarly: true });
    if (!parsed.success) {
      const error = parsed.issues.map((i) => i.message).join('. ');
      return page(c, 422, noticePage(await publicNotice(db, batch), { ...draft, error }));
    }

    const at = timeOf(deps);
    const address = clientIp(c, config);
    const wait = limiter.admit(address, at.getTime());
    if (wait > 0) {
      return page(c, 429, noticeMessage('Bạn đã gửi nhiều ý kiến',
        `Mỗi địa chỉ mạng gửi được tối đa ${COMMENTS_PER_ADDRESS} ý kiến trong một giờ. Bạn có thể gửi tiếp sau khoảng ${Math.ceil(wait / 60)} phút.`,
        { href: publicNoticePaths.page(batch.public_id), label: 'Về trang lấy ý kiến' }), { 'Retry-After': String(wait) });
    }
    const now = at.toISOString();
    const outcome = await writeTransaction(db, async (tx) => {
      await lockKey(tx, `notice-comments:${batch.id}`);
      const current = await tx.selectFrom('batches').select(['status', 'notice_from', 'notice_until']).where('id', '=', batch.id).executeTakeFirstOrThrow();
      if (!isOpen({ ...batch, ...current }, now)) return 'ended' as const;
      if (await countComments(tx, batch.id, current.notice_from!) >= COMMENTS_PER_NOTICE) return 'full' as const;
      const { name, body } = parsed.output;
      await tx.insertInto('batch_comments').values({ id: uuidv7(at.getTime()), batch_id: batch.id, author_name: name || null, body, created_at: now }).execute();
      return 'stored' as const;
    });
    if (outcome !== 'stored') limiter.refund(address, at.getTime());
    if (outcome === 'ended') return endedPage(c);
    if (outcome === 'full') {
      return page(c, 429, noticeMessage('Đã nhận đủ ý kiến',
        `Đợt lấy ý kiến này đã nhận ${COMMENTS_PER_NOTICE} ý kiến, số tối đa máy chủ nhận cho một đợt. Bạn có thể gửi ý kiến trực tiếp đến cơ quan đề nghị khen thưởng.`));
    }
    return page(c, 200, noticeMessage('Cảm ơn bạn đã góp ý',
      `Ý kiến của bạn đã được gửi lúc ${formatDateTime(now)}. Hội đồng Thi đua – Khen thưởng sẽ xem xét ý kiến trước khi cấp có thẩm quyền quyết định khen thưởng.`,
      { href: publicNoticePaths.page(batch.public_id), label: 'Về trang lấy ý kiến' }));
  });

  app.all('*', (c) => notFoundPage(c));
  return app;
}
