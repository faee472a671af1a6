// Who may read which cases: a reporter their own; anyone else the cases of their area (a commune, or all).
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { PROVINCE_AREA, type SessionUser } from '../../shared/sync-protocol';
import type { Database } from '../db/schema';

export function readableBy(user: SessionUser) {
  return (eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> => {
    if (user.role === 'reporter') return eb('cases.owner_id', '=', user.id);
    if (user.area === PROVINCE_AREA) return eb.and([]);
    return eb('cases.commune_code', '=', user.area);
  };
}
