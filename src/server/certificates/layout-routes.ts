// GET /api/admin/certificate-layouts: every commendation form's certificate layout; PUT …/{formId}: one form's
// (422 with Vietnamese issues, nothing saved). Administrators only (app.ts guards the group).
import { Hono } from 'hono';
import { certificateLayoutSchema } from '../../shared/certificate-schemas';
import { timeOf, type Deps } from '../deps';
import { readJson } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { notFound } from '../http/errors';
import { parseOr422 } from '../http/validation';
import { findCommendationFormName, readCertificateLayouts, saveCertificateLayout } from './layouts';

export function certificateLayoutRoutes(deps: Deps): Hono<SignedInEnv> {
  const { db, config } = deps;
  const app = new Hono<SignedInEnv>();
  app.get('/', async (c) => c.json(await readCertificateLayouts(db)));
  app.put('/:formId', async (c) => {
    const formId = c.req.param('formId');
    if (!(await findCommendationFormName(db, formId))) {
      throw notFound(`Không có hình thức khen thưởng "${formId.slice(0, 64)}" trong danh mục`);
    }
    const layout = parseOr422(certificateLayoutSchema, await readJson(c, config.maxJsonBytes));
    await saveCertificateLayout(db, formId, layout, c.get('user').id, timeOf(deps).toISOString());
    return c.json(await readCertificateLayouts(db));
  });
  return app;
}
