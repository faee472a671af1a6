// The editable reference lists (movements, fields of life, categories, commendation forms) as the server has
// them now: an administrator may have added entries since this build. Until they arrive, or if they cannot be
// fetched, the lists shipped with the app are used (retired entries stay, so old cases keep their names).
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { defaultLists, type EditableLists } from '../../shared/reference';
import { isReferenceLists, referenceApi, type ReferenceLists } from '../../shared/reference-protocol';
import { getJson } from '../api';

const ListsContext = createContext<EditableLists>(defaultLists);
const LISTS_SAVED = 'review:lists-saved';

/** After an administrator saved a list: every screen of this workspace names entries from the new lists. */
export function announceLists(saved: ReferenceLists): void {
  dispatchEvent(new CustomEvent<ReferenceLists>(LISTS_SAVED, { detail: saved }));
}

export const useLists = (): EditableLists => useContext(ListsContext);

export function ListsProvider({ children }: { children: ComponentChildren }) {
  const [lists, setLists] = useState(defaultLists);
  useEffect(() => {
    const take = (r: unknown) => { if (isReferenceLists(r)) setLists(r.lists); };
    const onSaved = (event: Event) => take((event as CustomEvent<ReferenceLists>).detail);
    addEventListener(LISTS_SAVED, onSaved);
    getJson<unknown>(referenceApi.lists).then(take, () => undefined);
    return () => removeEventListener(LISTS_SAVED, onSaved);
  }, []);
  return <ListsContext.Provider value={lists}>{children}</ListsContext.Provider>;
}
