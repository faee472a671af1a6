// The data subject's rights on a case (administrators and province reviewers: app.ts's guard):
//   GET  /api/review/cases/{id}/subject-access → application/zip, everything held about the case (access.ts)
//   POST /api/review/cases/{id}/erasure (ErasureRequest) → ErasureReceipt (erasure.ts)
// 404 for a case outside the caller's area, 410 'erased' for an erased one, 422 when the body names another case.
import { Hono } from 'hono';
import { ErasureSchema } from '../../shared/review-schemas';
import type { Deps } from '../deps';
import { pulledStream } from '../export/stream';
import { readJson } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { invalid } from '../http/errors';
import { caseIdParam, parseOr422 } from '../http/validation';
import { errorFields } from '../log';
import { subjectAccess } from './access';
import { eraseCase } from './erasure';

export function subjectRoutes(deps: Deps): Hono<SignedInEnv> {
  const { db, photos, log, config } = deps;
  const app = new Hono<SignedInEnv>();

  app.get('/cases/:id/subject-access', async (c) => {
    const id = caseIdParam(c.req.param('id'));
    const file = await subjectAccess(db, photos, c.var.user, id);
    const body = pulledStream(file, (err) => log.error('subject access failed', { caseId: id, actorId: c.var.user.id, ...errorFields(err) }));
    return new Response(body, {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="ho-so-${id}.zip"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  app.post('/cases/:id/erasure', async (c) => {
    const id = caseIdParam(c.req.param('id'));
    const { caseId, reason } = parseOr422(ErasureSchema, await readJson(c, config.maxJsonBytes));
    if (caseId !== id) {
      throw invalid([{ path: 'caseId', message: 'Mã hồ sơ xác nhận không khớp với hồ sơ cần xoá' }],
        'Mã hồ sơ trong yêu cầu không khớp với hồ sơ đang mở: chưa xoá gì');
    }
    return c.json(await eraseCase(deps, c.var.user, id, reason));
  });

  return app;
}
