// What the page's sync shows the UI, and who is told when it changes.
import type { ErrorKind, Progress } from '../run';

export interface SyncSnapshot {
  running: boolean;
  online: boolean;
  waiting: number;
  parked: number;
  conflicts: number;
  authRequired: boolean;
  current?: Progress;
  lastError?: { kind: ErrorKind; message: string };
  nextAttemptAt?: number;
}

/** The latest snapshot, replaced (never mutated) on every change; a patch's undefined values remove those keys. */
export class SnapshotStore {
  private snap: SyncSnapshot;
  private readonly listeners = new Set<(s: SyncSnapshot) => void>();

  constructor(initial: SyncSnapshot) {
    this.snap = initial;
  }

  get current(): SyncSnapshot {
    return this.snap;
  }

  set(patch: Partial<SyncSnapshot>): void {
    const next = { ...this.snap, ...patch };
    for (const key of Object.keys(patch) as Array<keyof SyncSnapshot>) if (patch[key] === undefined) delete next[key];
    this.snap = next;
    for (const fn of this.listeners) fn(this.snap);
  }

  subscribe(listener: (s: SyncSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
