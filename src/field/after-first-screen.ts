// Work a phone's first screen does not need (the service worker's registration, the sync engine's code and
// start): run once the page has loaded and the main thread is idle, so a slow phone draws the list or the form
// first. At most 2 s after the load event on a phone that is never idle.
export function afterFirstScreen(start: () => void): void {
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(() => start(), { timeout: 2000 }) : setTimeout(start, 0));
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
