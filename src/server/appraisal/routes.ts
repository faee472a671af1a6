// POST /api/cases/{id}/transitions (body: TransitionRequest) → the case's new head (ReviewListItem). Reviewers only (app.ts).
import { Hono } from 'hono';
import { TransitionSchema } from '../../shared/transition-rules';
import type { Deps } from '../deps';
import { readJson } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { caseIdParam, parseOr422 } from '../http/validation';
import { transitionCase } from './service';

export function transitionRoutes({ db, config, bulletin }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.post('/:id/transitions', async (c) => {
    const id = caseIdParam(c.req.param('id'));
    const body = parseOr422(TransitionSchema, await readJson(c, config.maxJsonBytes));
    const { item, bulletinChanged } = await transitionCase(db, c.var.user, id, body);
    // Committed: a publication or a withdrawal shows on the bulletin at once.
    if (bulletinChanged) bulletin.invalidate();
    return c.json(item);
  });
  return app;
}
