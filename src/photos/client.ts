// Main-thread side of the photo worker. The File goes to the worker as is (a Blob handle, not its bytes),
// so the page never reads or decodes a photo. One worker, one job at a time: cheap phones run out of memory.
import { PhotoError, WORKER_MISSING_EVENT, type PhotoErrorCode, type PhotoErrorDetail } from './errors';
import type { ProcessedPhoto, WorkerRequest, WorkerResponse } from './pipeline';

export { PhotoError };
export type { PhotoErrorCode, PhotoErrorDetail, ProcessedPhoto };

export interface ProcessPhotoOptions {
  signal?: AbortSignal;
}

interface Job {
  id: number;
  file: Blob;
  resolve: (photo: ProcessedPhoto) => void;
  reject: (error: PhotoError) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** An idle worker is ended after this long, to give its memory back. */
const IDLE_MS = 30_000;

let worker: Worker | null = null;
let current: Job | null = null;
const queue: Job[] = [];
let nextId = 1;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Decodes, orients, shrinks (≤ 1600 px) and re-encodes a photo as JPEG without metadata, with a 320 px
 * thumbnail and the sha256 of both. Rejects with a PhotoError whose message can be shown to the user.
 */
export function processPhoto(file: Blob, options: ProcessPhotoOptions = {}): Promise<ProcessedPhoto> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new PhotoError('aborted'));
  return new Promise<ProcessedPhoto>((resolve, reject) => {
    const job: Job = { id: nextId++, file, resolve, reject, signal };
    if (signal) {
      job.onAbort = () => abort(job);
      signal.addEventListener('abort', job.onAbort, { once: true });
    }
    queue.push(job);
    pump();
  });
}

function finish(job: Job, outcome: { photo: ProcessedPhoto } | { error: PhotoError }): void {
  if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
  if ('photo' in outcome) job.resolve(outcome.photo);
  else job.reject(outcome.error);
}

function abort(job: Job): void {
  if (current === job) {
    // A decode cannot be interrupted from outside; ending the worker frees its memory at once.
    stopWorker();
    current = null;
    finish(job, { error: new PhotoError('aborted') });
    pump();
    return;
  }
  const i = queue.indexOf(job);
  if (i >= 0) {
    queue.splice(i, 1);
    finish(job, { error: new PhotoError('aborted') });
  }
}

function pump(): void {
  if (current) return;
  const job = queue.shift();
  if (!job) {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stopWorker, IDLE_MS);
    return;
  }
  clearTimeout(idleTimer);
  current = job;
  try {
    const request: WorkerRequest = { id: job.id, file: job.file, decoder: pageDecoder() };
    getWorker().postMessage(request);
  } catch (e) {
    crashed(`start: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The page and its worker run the same engine, so a page without WebCodecs' ImageDecoder sends the worker
 * straight to createImageBitmap; this also lets a test take ImageDecoder away (an init script reaches pages only).
 */
function pageDecoder(): WorkerRequest['decoder'] {
  return typeof (globalThis as { ImageDecoder?: unknown }).ImageDecoder === 'undefined' ? 'bitmap' : 'auto';
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'photos' });
  w.onmessage = (event: MessageEvent<WorkerResponse>) => {
    if (w !== worker) return;
    const data = event.data;
    const job = current;
    if (!job || data.id !== job.id) return; // a late answer for a job already aborted
    current = null;
    finish(job, data.ok ? { photo: data.photo } : { error: new PhotoError(data.code, data.detail) });
    pump();
  };
  w.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    if (w !== worker) return;
    // A plain Event, not an ErrorEvent: its script did not load (a tab left open across an update, the file gone).
    if (!(event instanceof ErrorEvent)) {
      dispatchEvent(new Event(WORKER_MISSING_EVENT));
      crashed('worker failed to load', 'missing');
      return;
    }
    crashed(`error: ${event.message}`);
  };
  w.onmessageerror = () => {
    if (w === worker) crashed('messageerror');
  };
  worker = w;
  return w;
}

/** The worker died or misbehaved: replace it (lazily, on the next job) and fail the job it had. */
function crashed(why: string, reason: 'crashed' | 'missing' = 'crashed'): void {
  stopWorker();
  const job = current;
  current = null;
  if (job) finish(job, { error: new PhotoError('corrupt', { reason }) });
  console.warn('photo worker crashed:', why);
  pump();
}

function stopWorker(): void {
  clearTimeout(idleTimer);
  worker?.terminate();
  worker = null;
}
