// The Hono environments routes share: Node bindings and the signed-in user, if any.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { SessionUser } from '../../shared/sync-protocol';

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: { user: SessionUser | undefined };
}

/** Routes mounted behind an access guard (accounts/access.ts, app.ts): the user is there. */
export interface SignedInEnv {
  Bindings: HttpBindings;
  Variables: { user: SessionUser };
}

export type AppContext = Context<AppEnv> | Context<SignedInEnv>;
