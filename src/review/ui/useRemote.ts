// One GET that a screen shows: loading, the data or the server's message, and reload() (kept data shows while
// reloading, so the page does not flash empty after an action).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { getJson, isAbort } from '../api';

/** `error` is what the last load threw (shown with ErrorNotice), cleared by a successful load. */
interface Remote<T> { data: T | undefined; error: unknown; loading: boolean; reload: () => Promise<void> }

export function useRemote<T>(path: string): Remote<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);

  const load = useCallback(async (signal?: AbortSignal) => {
    setLoading(true);
    try {
      setData(await getJson<T>(path, signal));
      setError(undefined);
    } catch (e) {
      if (isAbort(e)) return;
      setError(e);
    }
    setLoading(false);
  }, [path]);

  useEffect(() => {
    const controller = new AbortController();
    setData(undefined);
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return { data, error, loading, reload: () => load() };
}
