// The Hono environment every route shares: Node bindings and the signed-in user, if any.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { SessionUser } from '../../shared/sync-protocol';

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: { user: SessionUser | undefined };
}

export type AppContext = Context<AppEnv>;
