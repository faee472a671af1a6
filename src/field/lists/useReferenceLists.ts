// The editable lists a screen should name and offer: the server's, as the last sync stored them on the phone
// (src/sync/reference-lists.ts), or the lists bundled with the app until a sync brought any. Retired entries
// are included (marked): pickers leave them out unless the case already holds one; names always resolve.
import { appDb } from '../../db/database';
import { getReferenceLists } from '../../db/reference-lists';
import { defaultLists, type EditableLists } from '../../shared/reference';
import { useLiveQuery } from '../hooks/useLiveQuery';

/** The last lists read. Read once as the app loads, so a form opened later never shows the bundled ones first. */
let latest: EditableLists | undefined;
if (typeof indexedDB !== 'undefined') {
  getReferenceLists(appDb()).then((got) => { latest ??= got?.lists; }, () => undefined);
}

export function useReferenceLists(): EditableLists {
  const stored = useLiveQuery(async () => {
    const got = await getReferenceLists(appDb());
    if (got) latest = got.lists;
    return got;
  }, []);
  return stored?.lists ?? latest ?? defaultLists;
}
