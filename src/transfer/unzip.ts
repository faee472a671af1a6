// Opens an import file without trusting what it declares. A ZIP states each entry's size, but a crafted file can
// state 1 KB and inflate to gigabytes (a "zip bomb"), or hold a million tiny entries: on a cheap phone either
// one freezes the tab or kills it. So the central directory is read first only to count the entries, then the
// wanted entries are inflated as a stream, counting the bytes that really come out, and refused past a budget.
import { Unzip, UnzipInflate, unzipSync, type Unzipped } from 'fflate';
import { DAMAGED, NOT_AN_EXPORT, TOO_BIG, TransferError } from './format';

export interface UnzipLimits {
  /** Entries in the file, wanted or not (a case's photos and thumbnails are 24 at most). */
  maxEntries: number;
  /** Inflated bytes of one entry (a photo is ≤ 1600 px JPEG: anything this big is not ours). */
  maxEntryBytes: number;
  /** Inflated bytes of all wanted entries, from the file's own size: photos are stored, not compressed. */
  maxTotalBytes: (fileBytes: number) => number;
}

export const UNZIP_LIMITS: UnzipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 32 << 20,
  maxTotalBytes: (fileBytes) => 2 * fileBytes + (16 << 20),
};

const SLICE = 16 * 1024;

const tooBig = (why: string) => new TransferError(TOO_BIG, { cause: new Error(why) });

function countEntries(bytes: Uint8Array, max: number): void {
  let entries = 0;
  // Every entry of the central directory passes through the filter; refusing them all inflates nothing.
  unzipSync(bytes, {
    filter: () => {
      if (++entries > max) throw tooBig(`more than ${max} entries`);
      return false;
    },
  });
}

/** The wanted entries' inflated bytes; throws a TransferError (Vietnamese) for anything else. */
export function unzipWithBudget(bytes: Uint8Array, wanted: (name: string) => boolean, limits = UNZIP_LIMITS): Unzipped {
  const looksLikeZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!looksLikeZip) throw new TransferError(NOT_AN_EXPORT);
  const budget = limits.maxTotalBytes(bytes.length);
  let total = 0;
  let entries = 0;
  const out: Unzipped = {};
  const unfinished = new Set<string>();
  try {
    countEntries(bytes, limits.maxEntries);
    const unzip = new Unzip((file) => {
      if (++entries > limits.maxEntries) throw tooBig(`more than ${limits.maxEntries} entries`);
      if (!wanted(file.name) || file.name in out) return;
      const chunks: Uint8Array[] = [];
      let size = 0;
      unfinished.add(file.name);
      file.ondata = (error, chunk, final) => {
        if (error) throw error;
        size += chunk.length;
        total += chunk.length;
        if (size > limits.maxEntryBytes) throw tooBig(`${file.name} inflates past ${limits.maxEntryBytes} bytes`);
        if (total > budget) throw tooBig(`the file inflates past ${budget} bytes`);
        chunks.push(chunk);
        if (!final) return;
        out[file.name] = concat(chunks, size);
        unfinished.delete(file.name);
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    // fflate inflates all it is given before it reports: small slices keep what one step can produce small
    // (deflate expands at most ~1032×, so 16 KB in is at most ~16 MB out) and the budget is checked between them.
    for (let at = 0; at < bytes.length; at += SLICE) unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  } catch (error) {
    // A file that starts like a ZIP but cannot be read was most likely cut short on the way.
    throw error instanceof TransferError ? error : new TransferError(DAMAGED, { cause: error });
  }
  if (unfinished.size > 0) throw new TransferError(DAMAGED, { cause: new Error(`${[...unfinished][0]} is cut short`) });
  return out;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.length;
  }
  return whole;
}
