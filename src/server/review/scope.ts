// Who may use the review workspace: every role but the reporter, within their area (a commune or the province).
import { inArea, areaLabel } from '../accounts/areas';
import type { SessionUser } from '../../shared/sync-protocol';
import { forbidden } from '../http/errors';

export function requireReviewer(user: SessionUser): SessionUser {
  if (user.role === 'reporter') throw forbidden('Chỉ cán bộ thẩm định và quản trị mới dùng được khu vực thẩm định');
  return user;
}

export function requireInArea(user: SessionUser, communeCode: string): void {
  if (!inArea(user.area, communeCode)) {
    throw forbidden(`Hồ sơ này không thuộc địa bàn của tài khoản (${areaLabel(user.area)})`);
  }
}
