// PUT /api/cases/{id} (signed in: app.ts): the phone sends a finished case (CasePut) and gets a CaseReceipt back.
import { Hono } from 'hono';
import { CasePutSchema } from '../../shared/sync-schemas';
import type { Deps } from '../deps';
import { requireRoomForBody } from '../disk/space';
import { readJson } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { ApiFailure } from '../http/errors';
import { caseIdParam, parseOr422 } from '../http/validation';
import { putCase } from './service';

export function caseRoutes({ db, config, metrics }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.put('/:id', async (c) => {
    try {
      const id = caseIdParam(c.req.param('id'));
      await requireRoomForBody(config, c.req.header('content-length'), config.maxJsonBytes);
      const body = parseOr422(CasePutSchema, await readJson(c, config.maxJsonBytes));
      const { status, receipt } = await putCase(db, c.var.user, id, body, config.accountQuotaBytes);
      metrics.caseOutcome(receipt.replay ? 'replayed' : 'received');
      return c.json(receipt, status);
    } catch (err) {
      // A refusal is the server's answer (4xx, 507); anything else is a 5xx, counted with the requests.
      if (err instanceof ApiFailure) metrics.caseOutcome(err.body.error === 'conflict' ? 'conflicted' : 'refused');
      throw err;
    }
  });
  return app;
}
