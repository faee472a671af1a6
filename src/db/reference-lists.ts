// The editable reference lists as the server last sent them (GET /api/reference), kept for offline use in the
// settings store: the sync run writes them, the form and the case views read them (bundled defaults until then).
import type { ReferenceLists } from '../shared/reference-protocol';
import type { GuongSangDb } from './database';
import { getSetting, setSetting } from './settings';

export const REFERENCE_LISTS_KEY = 'reference-lists';

export interface StoredReferenceLists extends ReferenceLists { receivedAt: number }

export const getReferenceLists = (db: GuongSangDb): Promise<StoredReferenceLists | undefined> =>
  getSetting<StoredReferenceLists>(db, REFERENCE_LISTS_KEY);

export function storeReferenceLists(db: GuongSangDb, lists: ReferenceLists, receivedAt: number) {
  const value: StoredReferenceLists = { version: lists.version, lists: lists.lists, receivedAt };
  return setSetting(db, REFERENCE_LISTS_KEY, value);
}
