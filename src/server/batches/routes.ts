// /api/review/batches: proposal batches (service.ts, decision.ts have the rules); reviewers only (app.ts guards
// /api/review). /api/admin/commendation-settings: read by every reviewer, written by administrators (app.ts).
import { Hono } from 'hono';
import * as v from 'valibot';
import { BATCH_STATUSES } from '../../shared/batch-protocol';
import {
  BatchCasesSelectionSchema, BatchHeaderPatchSchema, CommendationSettingsSchema, CouncilSchema, DecisionSchema, WithdrawSchema,
} from '../../shared/batch-schemas';
import { isCaseId } from '../../shared/sync-protocol';
import { timeOf, type Deps } from '../deps';
import { readJson } from '../http/body';
import type { AppContext, SignedInEnv } from '../http/context';
import { notFound } from '../http/errors';
import { caseIdParam, parseOr422, parseQueryOr422 } from '../http/validation';
import { recordDecision } from './decision';
import { listBatches } from './repo';
import {
  addCases, createBatch, editHeader, readBatch, recordCouncil, removeCase, submitBatch, withdrawBatch, type Actor,
} from './service';
import { readCommendationSettings, saveCommendationSettings } from './settings';

const ListQuerySchema = v.strictObject({ status: v.optional(v.picklist(BATCH_STATUSES, 'Trạng thái đợt đề nghị không hợp lệ')) });

/** A batch id (a UUID) from the path; anything else names no batch. */
function batchIdParam(id: string): string {
  if (!isCaseId(id)) throw notFound('Không tìm thấy đợt đề nghị này');
  return id;
}

export function batchRoutes(deps: Deps): Hono<SignedInEnv> {
  const { db, config } = deps;
  const app = new Hono<SignedInEnv>();
  const actor = (c: { var: { user: SignedInEnv['Variables']['user'] } }): Actor => ({ user: c.var.user, at: timeOf(deps).toISOString() });
  const body = async <S extends v.GenericSchema>(c: AppContext, schema: S) => parseOr422(schema, await readJson(c, config.maxJsonBytes));

  app.get('/', async (c) => {
    const { status } = parseQueryOr422(ListQuerySchema, c.req.query());
    return c.json(await listBatches(db, c.var.user, status));
  });
  app.post('/', async (c) => c.json(await createBatch(db, actor(c), await body(c, BatchCasesSelectionSchema)), 201));
  app.get('/:id', async (c) => c.json(await readBatch(db, c.var.user, batchIdParam(c.req.param('id')))));
  app.patch('/:id', async (c) => c.json(await editHeader(db, actor(c), batchIdParam(c.req.param('id')), await body(c, BatchHeaderPatchSchema))));
  app.post('/:id/cases', async (c) => c.json(await addCases(db, actor(c), batchIdParam(c.req.param('id')), await body(c, BatchCasesSelectionSchema))));
  app.delete('/:id/cases/:caseId', async (c) =>
    c.json(await removeCase(db, actor(c), batchIdParam(c.req.param('id')), caseIdParam(c.req.param('caseId')))));
  app.put('/:id/council', async (c) => c.json(await recordCouncil(db, actor(c), batchIdParam(c.req.param('id')), await body(c, CouncilSchema))));
  app.post('/:id/submit', async (c) => c.json(await submitBatch(db, actor(c), batchIdParam(c.req.param('id')))));
  app.post('/:id/withdraw', async (c) => {
    const { reason } = await body(c, WithdrawSchema);
    return c.json(await withdrawBatch(db, actor(c), batchIdParam(c.req.param('id')), reason));
  });
  app.post('/:id/decision', async (c) => c.json(await recordDecision(db, actor(c), batchIdParam(c.req.param('id')), await body(c, DecisionSchema))));
  return app;
}

export function commendationSettingsRoutes(deps: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.get('/', async (c) => c.json(await readCommendationSettings(deps.db)));
  app.put('/', async (c) => {
    const value = parseOr422(CommendationSettingsSchema, await readJson(c, deps.config.maxJsonBytes));
    return c.json(await saveCommendationSettings(deps.db, c.var.user.id, value, timeOf(deps).toISOString()));
  });
  return app;
}
