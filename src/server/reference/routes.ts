// GET /api/reference (signed in): every editable list, with an ETag so a phone's sync costs a 304 when nothing
// changed. PUT /api/admin/reference/{list} (administrators): replaces one list (service.ts). Mounted at /api.
import { Hono } from 'hono';
import { EDITABLE_LISTS, editableListNames, isEditableList } from '../../shared/reference-protocol';
import { referenceListSchema } from '../../shared/reference-schemas';
import type { SessionUser } from '../../shared/sync-protocol';
import { requireUser } from '../accounts/session-middleware';
import type { Deps } from '../deps';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { parseOr422 } from '../http/validation';
import { readReferenceLists } from './repo';
import { replaceList } from './service';

function requireAdmin(user: SessionUser): SessionUser {
  if (user.role !== 'admin') throw forbidden('Chỉ quản trị viên mới sửa được danh mục');
  return user;
}

/** If-None-Match holds this entity tag (or "*"); weak and strong forms compare alike. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === etag);
}

const bodySchemas = Object.fromEntries(EDITABLE_LISTS.map((list) => [list, referenceListSchema(list)])) as
  { [L in (typeof EDITABLE_LISTS)[number]]: ReturnType<typeof referenceListSchema> };

export function referenceRoutes({ db, config }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/reference', async (c) => {
    requireUser(c);
    const lists = await readReferenceLists(db);
    const etag = `"${lists.version}"`;
    // Each use asks again (no-cache), and a 304 is cheap: the lists are small but phones sync often.
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.json(lists);
  });

  app.put('/admin/reference/:list', async (c) => {
    requireAdmin(requireUser(c));
    const list = c.req.param('list');
    if (!isEditableList(list)) {
      throw notFound(`Không có danh mục "${list.slice(0, 40)}"; các danh mục: ${Object.values(editableListNames).map((n) => n.title).join(', ')}`);
    }
    const body = parseOr422(bodySchemas[list], await readJson(c, config.maxJsonBytes));
    return c.json(await replaceList(db, list, body));
  });

  return app;
}
