// A user's area: one commune, or the whole province. What a user may write and read follows from it.
import { PROVINCE_AREA } from '../../shared/sync-protocol';
import { communeLabel, isCommuneCode } from '../../shared/reference';

export const isValidArea = (area: string): boolean => area === PROVINCE_AREA || isCommuneCode(area);

export const inArea = (area: string, communeCode: string): boolean => area === PROVINCE_AREA || area === communeCode;

export function areaLabel(area: string): string {
  if (area === PROVINCE_AREA) return 'toàn tỉnh Lai Châu';
  return communeLabel(area) || `mã ${area}`;
}
