// A streaming ZIP writer: entries go out one after the other as their bytes arrive (sizes and CRC in a data
// descriptor after each), stored or deflated with fflate, UTF-8 names. Only the central directory (46 bytes and
// the name, for each entry) is kept until the end. ZIP64 records are added when the archive needs them (more
// than 65,535 entries, or an offset past 4 GiB: ten thousand cases with twelve photos each pass both), which
// fflate's own Zip cannot write.
import { crc32 } from 'node:zlib';
import { Deflate } from 'fflate';
import { vietnamWallClock } from '../../shared/dates';

export type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface ZipEntry {
  /** Path inside the archive, "/" between folders. */
  name: string;
  data: Chunks;
  /** Deflate (text, XML); JPEGs are stored as they are. */
  deflate: boolean;
}

const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;
const FLAG_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const VERSION = 20;
const VERSION_ZIP64 = 45;
/** "Made by" Unix: Info-ZIP unzip then honours the UTF-8 flag (for MS-DOS it converts names from a code page). */
const MADE_BY = (3 << 8) | VERSION_ZIP64;
/** A regular file, rw-r--r--, in the Unix half of the external attributes. */
const FILE_ATTRIBUTES = 0o100644 * 0x10000;

export class ZipEntryTooLarge extends Error {}

/** The central directory as it grows: its records packed in blocks of 64 KB, not one small array each. */
class Blocks {
  private readonly full: Uint8Array[] = [];
  private block = new Uint8Array(64 * 1024);
  private used = 0;
  size = 0;
  push(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.block.length) {
      this.full.push(this.block.subarray(0, this.used));
      this.block = new Uint8Array(Math.max(this.block.length, bytes.length));
      this.used = 0;
    }
    this.block.set(bytes, this.used);
    this.used += bytes.length;
    this.size += bytes.length;
  }
  take(): Uint8Array[] {
    return [...this.full, this.block.subarray(0, this.used)];
  }
}

class Bytes {
  readonly buf: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  constructor(length: number) {
    this.buf = new Uint8Array(length);
    this.view = new DataView(this.buf.buffer);
  }
  u16(n: number): this { this.view.setUint16(this.at, n, true); this.at += 2; return this; }
  u32(n: number): this { this.view.setUint32(this.at, n >>> 0, true); this.at += 4; return this; }
  u64(n: number): this { this.view.setBigUint64(this.at, BigInt(n), true); this.at += 8; return this; }
  bytes(b: Uint8Array): this { this.buf.set(b, this.at); this.at += b.length; return this; }
}

/** MS-DOS time and date fields, in the local time of the people opening the archive (Vietnam, UTC+7). */
function dosTime(at: Date): { time: number; date: number } {
  const t = vietnamWallClock(at);
  return {
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1),
    date: (Math.max(0, t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
  };
}

/** The archive's bytes, in order. Ends (runs its `finally` blocks) early when the consumer stops reading. */
export async function* zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, modified = new Date()): AsyncGenerator<Uint8Array> {
  const { time, date } = dosTime(modified);
  const encoder = new TextEncoder();
  const directory = new Blocks();
  let count = 0;
  let offset = 0;

  for await (const entry of entries) {
    const name = encoder.encode(entry.name);
    const method = entry.deflate ? 8 : 0;
    const local = new Bytes(30 + name.length)
      .u32(0x04034b50).u16(VERSION).u16(FLAG_DESCRIPTOR | FLAG_UTF8).u16(method).u16(time).u16(date)
      .u32(0).u32(0).u32(0).u16(name.length).u16(0).bytes(name).buf;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    yield local;

    const out: Uint8Array[] = [];
    const deflater = entry.deflate ? new Deflate({ level: 6 }, (chunk) => { out.push(chunk); }) : undefined;
    for await (const chunk of entry.data) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (deflater) deflater.push(chunk); else out.push(chunk);
      for (const piece of out.splice(0)) { compressed += piece.length; yield piece; }
    }
    deflater?.push(new Uint8Array(0), true);
    for (const piece of out.splice(0)) { compressed += piece.length; yield piece; }
    if (size > MAX_32 || compressed > MAX_32) throw new ZipEntryTooLarge(`${entry.name}: over 4 GiB`);
    yield new Bytes(16).u32(0x08074b50).u32(crc).u32(compressed).u32(size).buf;

    const zip64 = offset > MAX_32;
    const header = new Bytes(46 + name.length + (zip64 ? 12 : 0))
      .u32(0x02014b50).u16(MADE_BY).u16(zip64 ? VERSION_ZIP64 : VERSION).u16(FLAG_DESCRIPTOR | FLAG_UTF8)
      .u16(method).u16(time).u16(date).u32(crc).u32(compressed).u32(size)
      .u16(name.length).u16(zip64 ? 12 : 0).u16(0).u16(0).u16(0).u32(FILE_ATTRIBUTES).u32(zip64 ? MAX_32 : offset)
      .bytes(name);
    if (zip64) header.u16(0x0001).u16(8).u64(offset);
    directory.push(header.buf);
    offset += local.length + compressed + 16;
    count++;
  }

  const directoryStart = offset;
  const directorySize = directory.size;
  yield* directory.take();
  offset += directorySize;

  if (count > MAX_16 || directoryStart > MAX_32 || directorySize > MAX_32) {
    yield new Bytes(56 + 20)
      .u32(0x06064b50).u64(44).u16(VERSION_ZIP64).u16(VERSION_ZIP64).u32(0).u32(0)
      .u64(count).u64(count).u64(directorySize).u64(directoryStart)
      .u32(0x07064b50).u32(0).u64(offset).u32(1).buf;
  }
  yield new Bytes(22)
    .u32(0x06054b50).u16(0).u16(0).u16(Math.min(count, MAX_16)).u16(Math.min(count, MAX_16))
    .u32(Math.min(directorySize, MAX_32)).u32(Math.min(directoryStart, MAX_32)).u16(0).buf;
}
