// A tiny history router: the service worker serves index.html for every path, so real URLs work offline.
import { useEffect, useState } from 'preact/hooks';

const NAVIGATE = 'app:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  dispatchEvent(new Event(NAVIGATE));
  scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener('popstate', update);
    addEventListener(NAVIGATE, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(NAVIGATE, update);
    };
  }, []);
  return path;
}

/** Follows a same-app link without a page load (keeps the draft's pending save in memory until flushed). */
export function onLinkClick(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href') ?? '/');
}

/** `path` is `root` or a page under it ("/tham-dinh", "/tham-dinh/ho-so/…"). */
export const within = (path: string, root: string): boolean => path === root || path.startsWith(`${root}/`);
