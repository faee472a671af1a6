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
  registerPwa();
  void loadServerClock(appDb());
  // The engine sends only the signed-in user's outbox: start it once we know who that is.
  void refreshSessionUser().then(startPageSync).then((sync) => sync.notifyQueued());
}
