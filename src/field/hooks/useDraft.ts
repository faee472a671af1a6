// Autosave for one draft: each change is written to IndexedDB within AUTOSAVE_MS (well inside the half second
// a killed browser allows), and at once when the page is hidden, left or about to be updated.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { appDb, type LocalCase } from '../../db/database';
import { getCase, saveDraftFields, type EditableFields } from '../../db/cases';
import { useLiveQuery } from './useLiveQuery';

export const AUTOSAVE_MS = 300;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; message: string };

const flushers = new Set<() => Promise<void>>();
/** Writes every pending draft change now; the update banner awaits this before reloading. */
export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...flushers].map((flush) => flush()));
}

function editable(record: LocalCase): EditableFields {
  const { photos: _photos, ...rest } = record.fields;
  return rest;
}

export function useDraft(id: string) {
  const db = appDb();
  // undefined while loading, null when there is no such case
  const record = useLiveQuery(async () => (await getCase(db, id)) ?? null, [id]);
  const [fields, setFields] = useState<EditableFields>();
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<EditableFields | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    // The form owns the fields while the user types; take them from the database when (re)opening a draft.
    if (record && (fields === undefined || record.status !== 'draft')) setFields(editable(record));
  }, [record?.id, record?.status]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    setSaveState({ kind: 'saving' });
    try {
      await saveDraftFields(db, id, next);
      setSaveState({ kind: 'saved', at: Date.now() });
    } catch (error) {
      pending.current ??= next; // keep the change in memory so the next attempt still has it
      setSaveState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [id]);

  const update = useCallback((patch: Partial<EditableFields>) => {
    setFields((previous) => {
      const next = { ...(previous ?? {}), ...patch } as EditableFields;
      pending.current = next;
      return next;
    });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  }, [flush]);

  /** For a write that saves the fields itself (finalising the case): the pending autosave is dropped. Returns
   *  the function that brings it back, for when that write failed. */
  const holdPending = useCallback((): (() => void) => {
    clearTimeout(timer.current);
    const held = pending.current;
    pending.current = null;
    return () => {
      if (!held || pending.current) return; // nothing held, or newer changes pending anyway
      pending.current = held;
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    };
  }, [flush]);

  useEffect(() => {
    const onHide = () => { if (document.visibilityState === 'hidden') void flush(); };
    const onPageHide = () => void flush();
    flushers.add(flush);
    document.addEventListener('visibilitychange', onHide);
    addEventListener('pagehide', onPageHide);
    return () => {
      flushers.delete(flush);
      document.removeEventListener('visibilitychange', onHide);
      removeEventListener('pagehide', onPageHide);
      void flush();
    };
  }, [flush]);

  return { record, fields, update, flush, holdPending, saveState };
}
