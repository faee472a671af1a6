// The photo worker: one job at a time, as the page sends them. Results come back transferred, not copied.
import { PhotoError } from './errors';
import { processImage, type WorkerRequest, type WorkerResponse } from './pipeline';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, file, decoder } = event.data;
  let response: WorkerResponse;
  try {
    const photo = await processImage(file, { decoder });
    response = { id, ok: true, photo };
    self.postMessage(response, [photo.bytes, photo.thumb]);
  } catch (e) {
    const error = e instanceof PhotoError ? e : new PhotoError('corrupt', { reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    response = { id, ok: false, code: error.code, detail: error.detail };
    self.postMessage(response);
  }
};
