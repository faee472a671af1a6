// From an async generator of bytes to a response body that is pulled: the next chunk is made only when the
// client has taken the previous ones (@hono/node-server waits for the socket's 'drain'), and a client that goes
// away cancels the stream, which ends the generator (its `finally` blocks close files and temp folders).
import { Buffer } from 'node:buffer';

/** Small pieces (ZIP headers, one row) are gathered into chunks of about this size before they are sent. */
const CHUNK_BYTES = 256 * 1024;

async function* gathered(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let size = 0;
  for await (const piece of source) {
    if (piece.length >= CHUNK_BYTES && size === 0) { yield piece; continue; }
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK_BYTES) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(pending, size);
}

export function pulledStream(source: AsyncGenerator<Uint8Array>, onError: (err: unknown) => void): ReadableStream<Uint8Array> {
  const chunks = gathered(source);
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        // The client may have gone while this chunk was being made: nobody is left to give it to.
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (err) {
        if (cancelled) return;
        // Headers are gone already: the client sees a broken download, never half a file presented as whole.
        onError(err);
        controller.error(err);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
      await source.return(undefined);
    },
  });
}
