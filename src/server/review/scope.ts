// A reviewer works within their area (a commune or the province); the role itself is checked by app.ts's guard.
import { areaLabel } from '../../shared/reference';
import { inArea } from '../accounts/areas';
import type { SessionUser } from '../../shared/sync-protocol';
import { forbidden } from '../http/errors';

export function requireInArea(user: SessionUser, communeCode: string): void {
  if (!inArea(user.area, communeCode)) {
    throw forbidden(`Hồ sơ này không thuộc địa bàn của tài khoản (${areaLabel(user.area)})`);
  }
}
