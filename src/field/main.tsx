// Entry of the first bundle: everything a field phone needs to capture a case, nothing else.
import { render } from 'preact';
import { App } from './App';
import { registerPwa } from './pwa/register';
import { watchForStaleCode } from './pwa/stale-code';
import { refreshSessionUser } from './auth/session';
import { startPageSync } from './sync/useSync';
import { loadServerClock } from '../sync/server-clock';
import { appDb } from '../db/database';
import { afterFirstScreen } from './after-first-screen';
import './styles.css';

// /floor.js removed #app when this browser is below the supported floor or lacks Web Crypto: its page stays alone.
const root = document.getElementById('app');
if (root) {
  watchForStaleCode();
  render(<App />, root);
  registerPwa(); // the install prompt's listeners now; the service worker once the first screen is drawn
  // Read before any consent can be ticked (a consent is stamped by the server's clock as last seen).
  void loadServerClock(appDb());
  // The engine sends only the signed-in user's outbox: start it once we know who that is. Not needed to show the
  // list or the form, so it waits for them (its code, its queries and its first request).
  afterFirstScreen(() => void refreshSessionUser().then(startPageSync).then((sync) => sync.notifyQueued()));
}
