// POST /api/cases/{id}/transitions (body: TransitionRequest) → the case's new head (ReviewListItem).
import { Hono } from 'hono';
import { TransitionSchema } from '../../shared/transition-rules';
import { requireUser } from '../accounts/session-middleware';
import type { Deps } from '../deps';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { caseIdParam, parseOr422 } from '../http/validation';
import { requireReviewer } from '../review/scope';
import { transitionCase } from './service';

export function transitionRoutes({ db, config }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/transitions', async (c) => {
    const user = requireReviewer(requireUser(c));
    const id = caseIdParam(c.req.param('id'));
    const body = parseOr422(TransitionSchema, await readJson(c, config.maxJsonBytes));
    return c.json(await transitionCase(db, user, id, body));
  });
  return app;
}
