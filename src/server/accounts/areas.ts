// A user's area: one commune, or the whole province. What a user may write and read follows from it.
import { PROVINCE_AREA } from '../../shared/sync-protocol';

export const inArea = (area: string, communeCode: string): boolean => area === PROVINCE_AREA || area === communeCode;
