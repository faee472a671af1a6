// Request bodies read straight from Node's stream with a byte cap: a body over the limit is refused (413)
// as soon as it passes the limit, never buffered whole.
import type { AppContext } from './context';
import { badRequest, invalid, tooLarge, unsupportedMediaType } from './errors';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The request body as chunks: Node's IncomingMessage when served by Node, else the fetch body. */
export function bodyChunks(c: AppContext): AsyncIterable<Uint8Array> {
  const incoming = c.env?.incoming;
  if (incoming) return incoming;
  const body = c.req.raw.body;
  return body ?? (async function* () {})();
}

/** Ends a request's body where it is: its connection is closed, the handler's reads fail (ClientAborted). */
export function cancelBody(c: AppContext): () => void {
  return () => {
    const incoming = c.env?.incoming;
    if (incoming) incoming.destroy();
    else void c.req.raw.body?.cancel().catch(() => {});
  };
}

/** Throws 413 at once when Content-Length announces more than maxBytes. */
export function checkDeclaredLength(c: AppContext, maxBytes: number): void {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

export function requireContentType(c: AppContext, pattern: RegExp, expected: string): void {
  if (!pattern.test(c.req.header('content-type') ?? '')) throw unsupportedMediaType(expected);
}

export class ClientAborted extends Error {}

/** for await over a request stream, turning a dropped connection into ClientAborted. */
export async function* guarded(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of chunks) yield chunk;
  } catch (err) {
    throw new ClientAborted('request body aborted', { cause: err });
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as UTF-8 text: 413 over maxBytes, 400 when it is not UTF-8. */
export async function readText(c: AppContext, maxBytes: number): Promise<string> {
  checkDeclaredLength(c, maxBytes);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of guarded(bodyChunks(c))) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    parts.push(chunk);
  }
  try {
    return utf8.decode(Buffer.concat(parts, total));
  } catch {
    throw badRequest('Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ');
  }
}

/** A JSON body: 415 without Content-Type application/json, 413 over maxBytes, 400 when it is not JSON. */
export async function readJson(c: AppContext, maxBytes: number): Promise<unknown> {
  requireContentType(c, JSON_TYPE, 'application/json');
  const text = await readText(c, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Dữ liệu gửi lên không phải JSON hợp lệ');
  }
  const nul = nulPath(value);
  if (nul) throw invalid([{ path: nul.join('.'), message: 'Có ký tự không hợp lệ (NUL)' }]);
  return value;
}

/** Where a NUL character hides in a parsed body (PostgreSQL text cannot hold one), or null. Iterative: a
 *  body may nest arrays 100,000 deep. */
function nulPath(root: unknown): string[] | null {
  const stack: [unknown, string[]][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return path;
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\0')) return [...path, key];
        stack.push([item, path.length < 20 ? [...path, key] : path]);
      }
    }
  }
  return null;
}
