// Entry of the first bundle: everything a field phone needs to capture a case, nothing else.
import { render } from 'preact';
import { App } from './App';
import { registerPwa } from './pwa/register';
import { watchForStaleCode } from './pwa/stale-code';
import { refreshSessionUser } from './auth/session';
import { startPageSync } from './sync/useSync';
import { loadServerClock } from '../sync/server-clock';
import { appDb } from '../db/database';
import './styles.css';

// /floor.js removed #app when this browser is below the supported floor or lacks Web Crypto: its page stays alone.
const root = document.getElementById('app');
if (root) {
  watchForStaleCode();
  render(<App />, root);
  // Not needed to show the list or the form: started once the page has loaded and the main thread is idle, so a
  // slow phone's first screen does not wait for the service worker's install or the sync engine's code.
  afterFirstScreen(() => {
    registerPwa();
    void loadServerClock(appDb());
    // The engine sends only the signed-in user's outbox: start it once we know who that is.
    void refreshSessionUser().then(startPageSync).then((sync) => sync.notifyQueued());
  });
}

function afterFirstScreen(start: () => void): void {
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(() => start(), { timeout: 2000 }) : setTimeout(start, 0));
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
