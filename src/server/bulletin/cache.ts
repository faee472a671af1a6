// The public bulletin's answers kept in memory: its photos (read from disk and stripped of metadata for every
// request otherwise) and its Atom feed (a database read and a render), which newsrooms poll. One small LRU bounded
// by bytes, loads deduplicated (a hundred readers of a new story cause one read) and at most LOADS_AT_ONCE of them
// at a time, so a burst of public requests cannot take every disk read and CPU slice from the phones' uploads.
// One per app (deps.ts), shared by the bulletin's routes and the transitions that invalidate it.
//
// A story is published or withdrawn only through a transition (appraisal/routes.ts), which calls invalidate()
// once its transaction has committed: the texts are forgotten, and a text load that started before is not stored
// (the generation moved on): it may have read the story as it was. Other edits that change what the public sees
// (a list entry's name) are picked up within FEED_TTL_MS. Photos stay: they are content-addressed, so their bytes
// never go stale, only their publication does, and each photo request asks the database whether the photo is public;
// an erasure (subject/erasure.ts) names its photos to invalidate(), so no copy of them is kept in memory either.
// Their cleaned sizes (the feed's enclosure lengths) are remembered apart, longer than the bytes.
import { createHash } from 'node:crypto';
import { Slots } from '../http/slots';

const MAX_BYTES = 32 << 20;
const LOADS_AT_ONCE = 4;
const TEXT = 'text:';
const SIZES_KEPT = 10_000;
export const FEED_TTL_MS = 60_000;

/** A text and its entity tag, computed once when it is rendered. */
export interface TaggedText { body: string; etag: string }

export const tagged = (body: string): TaggedText =>
  ({ body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });

type Value = Uint8Array | TaggedText;
interface Entry { value: Value; size: number; at: number }

export class BulletinCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Value | null>>();
  private readonly slots = new Slots(LOADS_AT_ONCE);
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private generation = 0;

  constructor(private readonly maxBytes = MAX_BYTES, private readonly now: () => number = Date.now) {}

  /** A public photo's bytes, loaded (cleaned) once; null (not kept) when it cannot be read. */
  photo(key: string, load: () => Promise<Uint8Array<ArrayBuffer> | null>): Promise<Uint8Array<ArrayBuffer> | null> {
    return this.get(`photo:${key}`, Infinity, async () => this.sized(key, await load())) as Promise<Uint8Array<ArrayBuffer> | null>;
  }

  /**
   * The size of a public photo's cleaned bytes; null when it cannot be read. For the feed's render, which holds a
   * load slot already: an unknown size is loaded at once (and the bytes kept), never queued behind the slots that
   * renders may all be holding.
   */
  async photoSize(key: string, load: () => Promise<Uint8Array<ArrayBuffer> | null>): Promise<number | null> {
    const known = this.sizes.get(key);
    if (known !== undefined) return known;
    const bytes = this.sized(key, await load());
    if (bytes) this.store(`photo:${key}`, bytes);
    return bytes?.byteLength ?? null;
  }

  /** A rendered text (the feed) and its ETag, kept until invalidated or FEED_TTL_MS old. */
  async text(key: string, render: () => Promise<string>): Promise<TaggedText> {
    return (await this.get(TEXT + key, FEED_TTL_MS, async () => tagged(await render()))) as TaggedText;
  }

  /** Forgets the texts (a story was published or withdrawn) and these photos (their case was erased). */
  invalidate(photoKeys: readonly string[] = []): void {
    for (const key of photoKeys) {
      const entry = this.entries.get(`photo:${key}`);
      if (entry) this.bytes -= entry.size;
      this.entries.delete(`photo:${key}`);
      this.sizes.delete(key);
    }
    this.generation++;
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(TEXT)) continue;
      this.entries.delete(key);
      this.bytes -= entry.size;
    }
    for (const key of this.loading.keys()) if (key.startsWith(TEXT)) this.loading.delete(key);
  }

  private sized<T extends Uint8Array | null>(key: string, bytes: T): T {
    if (!bytes) return bytes;
    if (this.sizes.size >= SIZES_KEPT) this.sizes.delete(this.sizes.keys().next().value!);
    this.sizes.set(key, bytes.byteLength);
    return bytes;
  }

  private get(key: string, ttl: number, load: () => Promise<Value | null>): Promise<Value | null> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < ttl) {
      this.entries.delete(key); // re-inserted: a Map iterates in insertion order, so the first key is the oldest use
      this.entries.set(key, hit);
      return Promise.resolve(hit.value);
    }
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = this.slots.run(load).then((value) => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
      if (value !== null && (generation === this.generation || !key.startsWith(TEXT))) this.store(key, value);
      return value;
    }, (err: unknown) => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
      throw err;
    });
    this.loading.set(key, promise);
    return promise;
  }

  private store(key: string, value: Value): void {
    const size = value instanceof Uint8Array ? value.byteLength : value.body.length * 2;
    if (size > this.maxBytes / 4) return; // one huge entry would push out everything else
    const old = this.entries.get(key);
    if (old) this.bytes -= old.size;
    this.entries.delete(key);
    this.entries.set(key, { value, size, at: this.now() });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }
}
