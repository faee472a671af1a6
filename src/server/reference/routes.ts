// GET /api/reference (signed in): every editable list, with an ETag so a phone's sync costs a 304 when nothing
// changed. PUT /api/admin/reference/{list} (administrators): replaces one list (service.ts). app.ts guards both.
import { Hono } from 'hono';
import { EDITABLE_LISTS, editableListNames, isEditableList } from '../../shared/reference-protocol';
import { referenceListSchema } from '../../shared/reference-schemas';
import type { Deps } from '../deps';
import { readJson } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { notModified } from '../http/etag';
import { notFound } from '../http/errors';
import { parseOr422 } from '../http/validation';
import { readReferenceLists } from './repo';
import { replaceList } from './service';

const bodySchemas = Object.fromEntries(EDITABLE_LISTS.map((list) => [list, referenceListSchema(list)])) as
  { [L in (typeof EDITABLE_LISTS)[number]]: ReturnType<typeof referenceListSchema> };

export function referenceRoutes({ db }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.get('/', async (c) => {
    const lists = await readReferenceLists(db);
    const etag = `"${lists.version}"`;
    // Each use asks again (no-cache), and a 304 is cheap: the lists are small but phones sync often.
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    if (notModified(c, etag)) return c.body(null, 304);
    return c.json(lists);
  });
  return app;
}

export function referenceAdminRoutes({ db, config }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.put('/:list', async (c) => {
    const list = c.req.param('list');
    if (!isEditableList(list)) {
      throw notFound(`Không có danh mục "${list.slice(0, 40)}"; các danh mục: ${Object.values(editableListNames).map((n) => n.title).join(', ')}`);
    }
    const body = parseOr422(bodySchemas[list], await readJson(c, config.maxJsonBytes));
    return c.json(await replaceList(db, list, body));
  });
  return app;
}
