// GET /api/sync/changes?since=CURSOR (signed in: app.ts): what happened to the cases the user may read, oldest
// first, paged.
import { Hono } from 'hono';
import type { ChangesPage } from '../../shared/sync-protocol';
import type { Deps } from '../deps';
import type { SignedInEnv } from '../http/context';
import { badRequest } from '../http/errors';
import { listChanges } from './events';

export const PAGE_SIZE = 200;
const CURSOR = /^(0|[1-9]\d{0,9})$/;
const MAX_SEQ = 2 ** 31 - 1; // case_events.seq is a 32-bit integer

export function changesRoutes({ db }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.get('/changes', async (c) => {
    const since = c.req.query('since');
    if (since === undefined || !CURSOR.test(since) || Number(since) > MAX_SEQ) {
      throw badRequest('Con trỏ đồng bộ (since) không hợp lệ', [{ path: 'since', message: 'Cần một số nguyên không âm' }]);
    }
    const { changes, more } = await listChanges(db, c.var.user, Number(since), PAGE_SIZE);
    const page: ChangesPage = { changes, cursor: String(changes.at(-1)?.seq ?? since), more };
    return c.json(page);
  });
  return app;
}
