// The sync engine's public face. The page: startSync() once, then snapshot/subscribe/syncNow/notifyQueued.
// The service worker: runInServiceWorker() on the 'sync' event tagged SYNC_TAG. The reporter's choices on a
// conflict or a refused case are repository functions: they work offline, without a run.
export { startSync, type SyncController, type SyncSnapshot, type StartOptions } from './controller';
export { runOnce, type RunOptions, type RunResult, type RunOutcome, type Progress, type ErrorKind } from './run';
export { runInServiceWorker, registerBackgroundSync, SYNC_TAG } from './background';
export { keepMine, takeServers, reopenForEditing } from '../db/reporter-choices';
