// Who may use a group of routes: middleware on the group's path (app.ts), so each request is checked once.
// Services check only what depends on the data: whether the case or commune at hand is in the user's area.
import type { MiddlewareHandler } from 'hono';
import { mayServeDataSubject } from '../../shared/appraisal';
import type { Role, SessionUser } from '../../shared/sync-protocol';
import type { SignedInEnv } from '../http/context';
import { forbidden, unauthenticated } from '../http/errors';

/** Anonymous 401; a role `allowed` refuses 403 with `refusal`. Behind it, routes may count on the user. */
function guard(allowed: (role: Role) => boolean, refusal: string): MiddlewareHandler<SignedInEnv> {
  return async (c, next) => {
    // The session middleware may have found nobody: the type is what this guard establishes.
    const user: SessionUser | undefined = c.get('user');
    if (!user) throw unauthenticated();
    if (!allowed(user.role)) throw forbidden(refusal);
    await next();
  };
}

export const signedIn = guard(() => true, '');

/** The review workspace: every role but the reporter. */
export const reviewerOnly = guard((role) => role !== 'reporter', 'Chỉ cán bộ thẩm định và quản trị mới dùng được khu vực thẩm định');

/** The data subject's rights (a case's access download and its erasure): administrators and province reviewers. */
export const subjectRightsOnly = guard(mayServeDataSubject,
  'Chỉ quản trị viên và cán bộ thẩm định cấp tỉnh mới thực hiện được yêu cầu xem hoặc xoá dữ liệu của người được nêu tên');

export const adminOnly = (refusal: string) => guard((role) => role === 'admin', refusal);
