// The page's sync controller (one per tab; runs are serialised across tabs and the service worker by the
// engine's Web Lock) and a hook to follow it. The engine is loaded right after the first screen is shown:
// it is not needed to show the form, and the service worker has it precached for offline starts.
import { useEffect, useState } from 'preact/hooks';
import { appDb } from '../../db/database';
import type { SyncController, SyncSnapshot } from '../../sync/page/controller';
import { currentUserId } from '../auth/session';
import { loadCode } from '../pwa/stale-code';

let controller: SyncController | undefined;
const whenStarted = new Set<() => void>();

export async function startPageSync(): Promise<SyncController> {
  const { startSync } = await loadCode(() => import('../../sync/page/controller'));
  if (!controller) {
    controller = startSync({ db: appDb(), currentUserId });
    whenStarted.forEach((callback) => callback());
    whenStarted.clear();
  }
  return controller;
}

export const pageSync = (): SyncController | undefined => controller;

export function useSync(): SyncSnapshot | undefined {
  const [snapshot, setSnapshot] = useState(() => controller?.snapshot());
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    const attach = () => {
      setSnapshot(controller!.snapshot());
      unsubscribe = controller!.subscribe(setSnapshot);
    };
    if (controller) attach();
    else whenStarted.add(attach);
    return () => {
      whenStarted.delete(attach);
      unsubscribe?.();
    };
  }, []);
  return snapshot;
}
