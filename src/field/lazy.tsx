// Screens a reporter rarely opens are split out of the first bundle; the service worker precaches them, so
// they still open offline.
import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (!Component) void load().then((c) => { loaded = c; setComponent(() => c); });
    }, []);
    return Component ? h(Component, props) : <p class="loading" role="status">Đang tải…</p>;
  };
}
