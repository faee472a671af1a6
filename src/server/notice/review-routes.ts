// The board's side of the public notice (reviewers: app.ts's guard), for those who may manage the batch
// (shared/batch-protocol.ts mayManageBatch; anyone else gets 404, as for a batch outside their area):
//   POST /api/review/batches/{id}/notice   { days } → the notice (submitted batches only, none running: else 409)
//   GET  /api/review/batches/{id}/comments → NoticeComments, newest first
import { Hono } from 'hono';
import { batchStatusNames, mayManageBatch, publicNoticePaths, type BatchDetail } from '../../shared/batch-protocol';
import { formatDateTime } from '../../shared/dates';
import type { NoticeComments } from '../../shared/notice-protocol';
import { NoticeRequestSchema } from '../../shared/notice-schemas';
import type { SessionUser } from '../../shared/sync-protocol';
import type { Db } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { timeOf, type Deps } from '../deps';
import { readJson } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { ApiFailure, notFound } from '../http/errors';
import { parseOr422 } from '../http/validation';
import { batchById, countComments, listComments, type NoticeBatchRow } from './repo';

const DAY_MS = 86_400_000;

const refused = (message: string) => new ApiFailure(409, { error: 'conflict', message });

async function managedBatch(db: Db, user: SessionUser, id: string): Promise<NoticeBatchRow> {
  const batch = await batchById(db, id);
  if (!batch || !mayManageBatch(user, batch)) throw notFound('Không tìm thấy đợt đề nghị này trong địa bàn của bạn');
  return batch;
}

/** Why a notice cannot be posted on this batch now, or null. */
function whyNot(batch: Pick<NoticeBatchRow, 'status' | 'notice_until'>, now: string): string | null {
  if (batch.status !== 'submitted') {
    return `Chỉ lấy ý kiến nhân dân khi đợt đề nghị đã trình và chưa có quyết định (đợt này: “${batchStatusNames[batch.status]}”)`;
  }
  if (batch.notice_until !== null && now < batch.notice_until) {
    return `Đợt đề nghị đang được lấy ý kiến nhân dân đến ${formatDateTime(batch.notice_until)}: chưa đăng lại được`;
  }
  return null;
}

export function noticeReviewRoutes(deps: Deps): Hono<SignedInEnv> {
  const { db, config } = deps;
  const app = new Hono<SignedInEnv>();

  app.post('/:id/notice', async (c) => {
    const user = c.var.user;
    const batch = await managedBatch(db, user, c.req.param('id'));
    const { days } = parseOr422(NoticeRequestSchema, await readJson(c, config.maxJsonBytes));
    const now = timeOf(deps);
    const from = now.toISOString();
    const until = new Date(now.getTime() + days * DAY_MS).toISOString();
    await writeTransaction(db, async (tx) => {
      // One conditional update: a decision, a withdrawal or another notice landing meanwhile makes it change nothing.
      const updated = await tx.updateTable('batches').set({ notice_from: from, notice_until: until, updated_at: from })
        .where('id', '=', batch.id).where('status', '=', 'submitted')
        .where((eb) => eb.or([eb('notice_until', 'is', null), eb('notice_until', '<=', from)]))
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        const current = await tx.selectFrom('batches').select(['status', 'notice_until']).where('id', '=', batch.id).executeTakeFirstOrThrow();
        throw refused(whyNot(current, from) ?? 'Đợt đề nghị vừa thay đổi: hãy tải lại rồi thử lại');
      }
      await tx.insertInto('batch_events')
        .values({ batch_id: batch.id, kind: 'notice', actor_id: user.id, at: from, detail: JSON.stringify({ days }) }).execute();
    });
    const notice: NonNullable<BatchDetail['notice']> = {
      from, until, publicUrl: config.publicUrl + publicNoticePaths.page(batch.public_id), comments: await countComments(db, batch.id),
    };
    return c.json(notice);
  });

  app.get('/:id/comments', async (c) => {
    const batch = await managedBatch(db, c.var.user, c.req.param('id'));
    return c.json({ comments: await listComments(db, batch.id) } satisfies NoticeComments);
  });

  return app;
}
