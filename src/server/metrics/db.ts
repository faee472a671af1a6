// Database time through Kysely's log hook (every query, on either dialect, with its duration), labelled by the
// kind of statement only: the query builder's root node, or a raw query's first keyword. Never the SQL text.
import type { LogEvent } from 'kysely';
import type { Metrics, QueryKind } from './metrics';

const NODE_KINDS: Record<string, QueryKind> = {
  SelectQueryNode: 'select', InsertQueryNode: 'insert', UpdateQueryNode: 'update', DeleteQueryNode: 'delete',
};
const RAW_KIND = /^\s*(select|insert|update|delete)\b/i;

export function queryKind(event: LogEvent): QueryKind {
  const node = NODE_KINDS[event.query.query.kind];
  if (node) return node;
  const m = RAW_KIND.exec(event.query.sql);
  return m ? (m[1]!.toLowerCase() as QueryKind) : 'other';
}

/** The `log` option of a Kysely instance (db/connect.ts), failed queries included. */
export const queryLog = ({ queries }: Metrics) => (event: LogEvent): void => {
  queries.observe({ kind: queryKind(event) }, event.queryDurationMillis / 1000);
};
