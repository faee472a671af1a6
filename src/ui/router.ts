// A tiny history router: the service worker serves index.html for every path, so real URLs work offline.
import { useEffect, useState } from 'preact/hooks';

const NAVIGATE = 'app:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  dispatchEvent(new Event(NAVIGATE));
  scrollTo(0, 0);
}

/** The page's path and its query string without "?". */
export interface AppLocation { path: string; search: string }

const currentHref = (): string => location.pathname + location.search;

/** The current location, following both the back/forward buttons (popstate) and navigate(). */
export function useLocation(): AppLocation {
  const [href, setHref] = useState(currentHref);
  useEffect(() => {
    const update = () => setHref(currentHref());
    addEventListener('popstate', update);
    addEventListener(NAVIGATE, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(NAVIGATE, update);
    };
  }, []);
  const query = href.indexOf('?');
  return query < 0 ? { path: href, search: '' } : { path: href.slice(0, query), search: href.slice(query + 1) };
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
