// /api/admin/users: accounts, for administrators only (app.ts guards the group: anonymous 401, other roles 403).
import { Hono } from 'hono';
import { NewUserSchema, PasswordResetSchema, UserPatchSchema, UserQuerySchema, type AdminUserAnswer, type AdminUserList } from '../../shared/admin-protocol';
import { sessionToken } from '../accounts/session-middleware';
import type { Deps } from '../deps';
import { readJson } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { parseOr422, parseQueryOr422 } from '../http/validation';
import { changeUser, createUser, findUsers, resetPassword } from './users';

export function adminUserRoutes({ db, config, log }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();

  app.get('/', async (c) =>
    c.json({ users: await findUsers(db, parseQueryOr422(UserQuerySchema, c.req.query())) } satisfies AdminUserList));

  app.post('/', async (c) => {
    const actor = c.var.user;
    const user = await createUser(db, parseOr422(NewUserSchema, await readJson(c, config.maxJsonBytes)));
    log.info('account created', { by: actor.username, username: user.username, role: user.role, area: user.area });
    return c.json({ user } satisfies AdminUserAnswer, 201);
  });

  app.patch('/:id', async (c) => {
    const actor = c.var.user;
    const patch = parseOr422(UserPatchSchema, await readJson(c, config.maxJsonBytes));
    const user = await changeUser(db, actor, c.req.param('id'), patch);
    log.info('account changed', { by: actor.username, username: user.username, fields: Object.keys(patch) });
    return c.json({ user } satisfies AdminUserAnswer);
  });

  app.post('/:id/password', async (c) => {
    const actor = c.var.user;
    const { password } = parseOr422(PasswordResetSchema, await readJson(c, config.maxJsonBytes));
    const user = await resetPassword(db, actor, c.req.param('id'), password, sessionToken(c, config));
    log.info('password reset', { by: actor.username, username: user.username });
    return c.json({ user } satisfies AdminUserAnswer);
  });

  return app;
}
