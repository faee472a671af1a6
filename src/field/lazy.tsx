// Screens a reporter rarely opens are split out of the first bundle; the service worker precaches them, so
// they still open offline. A screen whose file is gone (a tab left open across an update) says to update.
import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadCode, STALE_CODE_MESSAGE } from './pwa/stale-code';

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (!Component) void loadCode(load).then((c) => { loaded = c; setComponent(() => c); }, () => setFailed(true));
    }, []);
    if (failed) return <p class="notice notice--warn" role="alert">{STALE_CODE_MESSAGE}</p>;
    return Component ? h(Component, props) : <p class="loading" role="status">Đang tải…</p>;
  };
}
