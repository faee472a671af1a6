// A simulated phone: the sync engine's requests (src/sync/run.ts, send.ts, http.ts) as it makes them, driven by a
// reporter's actions with think times between. A run sends the due cases (HEAD probes, PATCH of what the server
// lacks from the byte it holds, the case PUT and its receipt), then reads the changes feed, then the reference
// lists with If-None-Match. A failed link ends the run and the case waits its backoff (src/sync/backoff.ts), and
// the phone holds further runs as the page does (page/pacing.ts). Some answers are "lost" on purpose: the case
// PUT is then made again, and must give back the same receipt (a replay), never a second case or revision.
import { backoffDelay, parseRetryAfter } from '../../../src/sync/backoff';
import type { CaseFields, PhotoRef } from '../../../src/shared/case-schema';
import type { CaseReceipt, ChangesPage } from '../../../src/shared/sync-protocol';
import { caseFields, newCaseId } from '../../support/case-fixtures';
import { fakeJpeg, sha256 } from '../../support/photo-uploads';
import { json, NetworkError, type Answer, type Link } from './http';
import { contentHash, type Ledger } from './ledger';
import { sleep, thinkMs, type Stats } from './stats';

export interface PhoneProfile {
  /** Mean seconds between a reporter's actions (exponential, clamped to 5…600 s). */
  thinkMeanS: number;
  /** Of the actions: a new case (the rest open the app, which syncs). */
  newCase: number;
  /** A case the reviewer returned is edited at the next action with this probability. */
  editReturned: number;
  /** Of the case PUTs answered 2xx: the answer treated as lost (the phone sends the same PUT again). */
  lostAnswer: number;
  photoBytes: number;
  thumbBytes: number;
}

type Outcome = 'sent' | 'next' | 'network';

/** A failure the engine retries with backoff (5xx, 429, a receipt missing photos), or parks (any other 4xx). */
class Refused extends Error {
  constructor(readonly answer: Answer, readonly retry: boolean) {
    super(`${answer.status} ${answer.body.toString('utf8', 0, 200)}`);
  }
}

interface LocalCase {
  id: string;
  marker: string;
  fields: CaseFields;
  /** Bytes of photos not yet acknowledged with the case (dropped once it is). */
  bytes: Map<string, Buffer>;
  state: 'queued' | 'sent' | 'returned' | 'parked';
  serverRevision: number;
  attempts: number;
  nextAttemptAt: number;
  /** The revision of a receipt the phone "lost": the replay must give it back. */
  lostRevision?: number;
  edits: number;
}

async function eachLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (failed === undefined && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed !== undefined) throw failed;
}

const offsetOf = (a: Answer): number | undefined => {
  const h = a.headers['upload-offset'];
  return typeof h === 'string' && /^\d+$/.test(h) ? Number(h) : undefined;
};

export class Phone {
  private readonly cases = new Map<string, LocalCase>();
  private cursor = '0';
  /** The latest status the feed told per case (it may come before the phone has the receipt: a lost answer). */
  private readonly feed = new Map<string, { status: string; revision: number }>();
  private listsVersion: string | undefined;
  private failuresInRow = 0;
  private holdUntil = 0;
  private made = 0;

  constructor(
    readonly n: number,
    readonly username: string,
    readonly commune: string,
    private readonly link: Link,
    private readonly profile: PhoneProfile,
    private readonly stats: Stats,
    private readonly ledger: Ledger,
  ) {}

  /** Queued or parked cases: not acknowledged (yet). */
  pending(): { queued: number; parked: number } {
    let queued = 0;
    let parked = 0;
    for (const c of this.cases.values()) {
      if (c.state === 'queued') queued++;
      if (c.state === 'parked') parked++;
    }
    return { queued, parked };
  }

  /** Acts until `until` (ms since the epoch): the first run after `startDelayMs` (phones come online over the ramp). */
  async live(until: number, startDelayMs: number): Promise<void> {
    await sleep(startDelayMs);
    await this.safeRun();
    let nextActionAt = Date.now() + thinkMs(this.profile.thinkMeanS * 1000, 5_000, 600_000);
    while (Date.now() < until) {
      const retryAt = this.retryAt();
      const wake = Math.min(nextActionAt, retryAt, until);
      await sleep(Math.max(0, wake - Date.now()));
      if (Date.now() >= until) break;
      if (wake === nextActionAt) {
        this.act();
        nextActionAt = Date.now() + thinkMs(this.profile.thinkMeanS * 1000, 5_000, 600_000);
      }
      if (Date.now() >= this.holdUntil) await this.safeRun();
    }
  }

  /** A run; anything the protocol does not explain (an unreadable answer) is an anomaly, and the phone goes on. */
  private async safeRun(force = false): Promise<'done' | 'network'> {
    try {
      return await this.run(force);
    } catch (error) {
      this.stats.anomaly(`${this.username} phone ${this.n}: ${(error as Error).stack ?? String(error)}`.slice(0, 400));
      return this.linkFailed();
    }
  }

  /** After the soak: "Gửi ngay" until nothing is queued (cases' own backoff ignored), or the deadline; after a failed link, the engine's hold. */
  async drain(deadline: number): Promise<void> {
    while (this.pending().queued > 0 && Date.now() < deadline) {
      if ((await this.safeRun(true)) !== 'done') await sleep(Math.max(0, Math.min(this.holdUntil, deadline) - Date.now()));
    }
    this.link.close();
  }

  /** When a queued case is due or the link hold ends, whichever is later (Infinity: nothing waits). */
  private retryAt(): number {
    let due = Infinity;
    for (const c of this.cases.values()) if (c.state === 'queued') due = Math.min(due, c.nextAttemptAt);
    return due === Infinity ? Infinity : Math.max(due, this.holdUntil);
  }

  /** The reporter's next action: edit a returned case, record a new one, or just open the app. */
  private act(): void {
    const returned = [...this.cases.values()].find((c) => c.state === 'returned');
    if (returned && Math.random() < this.profile.editReturned) this.edit(returned);
    else if (Math.random() < this.profile.newCase) this.record();
  }

  private photo(i: number): { ref: PhotoRef; photo: Buffer; thumb: Buffer } {
    const size = Math.round(this.profile.photoBytes * (0.7 + 0.6 * Math.random()));
    const photo = fakeJpeg(1600, 1200, size);
    const thumb = fakeJpeg(320, 240, Math.round(this.profile.thumbBytes * (0.7 + 0.6 * Math.random())));
    const ref: PhotoRef = {
      sha256: sha256(photo), caption: `Ảnh ${i}`, width: 1600, height: 1200, bytes: photo.length,
      thumbSha256: sha256(thumb), thumbBytes: thumb.length,
    };
    return { ref, photo, thumb };
  }

  private record(): void {
    const marker = `P${this.n}C${++this.made}`;
    const shots = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, (_, i) => this.photo(i + 1));
    const c: LocalCase = {
      id: newCaseId(), marker, state: 'queued', serverRevision: 0, attempts: 0, nextAttemptAt: Date.now(), edits: 0,
      fields: caseFields({
        communeCode: this.commune, subjectName: `Lò Thị Mai ${marker}`, village: `Bản ${this.n % 40}`,
        photos: shots.map((s) => s.ref),
      }),
      bytes: new Map(shots.flatMap((s) => [[s.ref.sha256, s.photo], [s.ref.thumbSha256, s.thumb]] as [string, Buffer][])),
    };
    this.cases.set(c.id, c);
  }

  private edit(c: LocalCase): void {
    c.edits++;
    const photos = [...c.fields.photos];
    if (Math.random() < 0.5) {
      const shot = this.photo(photos.length + 1);
      photos.push(shot.ref);
      c.bytes.set(shot.ref.sha256, shot.photo);
      c.bytes.set(shot.ref.thumbSha256, shot.thumb);
    }
    c.fields = { ...c.fields, photos, deedDescription: `${c.fields.deedDescription} Bổ sung lần ${c.edits}: có xác nhận của trưởng bản.` };
    c.state = 'queued';
    c.attempts = 0;
    c.nextAttemptAt = Date.now();
  }

  /** One sync run (src/sync/run.ts): the due cases, then the changes feed, then the reference lists. */
  private async run(force = false): Promise<'done' | 'network'> {
    const now = Date.now();
    const due = [...this.cases.values()]
      .filter((c) => c.state === 'queued' && (force || c.nextAttemptAt <= now))
      .sort((a, b) => Number(a.attempts > 0) - Number(b.attempts > 0));
    for (const c of due) {
      if ((await this.send(c)) === 'network') return this.linkFailed();
    }
    try {
      await this.pullChanges();
      await this.pullLists();
    } catch (error) {
      if (error instanceof NetworkError) return this.linkFailed();
      if (!(error instanceof Refused)) throw error;
    }
    this.failuresInRow = 0;
    return 'done';
  }

  private linkFailed(): 'network' {
    this.failuresInRow++;
    this.holdUntil = Date.now() + backoffDelay(this.failuresInRow, Math.random);
    return 'network';
  }

  private async send(c: LocalCase): Promise<Outcome> {
    try {
      const hashes = c.fields.photos.flatMap((p) => [p.sha256, p.thumbSha256]);
      const missing = new Map<string, number>();
      await eachLimit(hashes, 6, async (h) => {
        const a = await this.link.send('HEAD', `/api/photos/${h}`, { route: 'HEAD /api/photos/:sha256' });
        if (a.status === 404) missing.set(h, offsetOf(a) ?? 0);
        else if (a.status !== 200) throw new Refused(a, a.status >= 500 || a.status === 429);
      });
      await eachLimit([...missing], 2, ([h, offset]) => this.upload(c, h, offset));
      return await this.putCase(c);
    } catch (error) {
      if (error instanceof NetworkError) {
        this.retryLater(c);
        return 'network';
      }
      if (!(error instanceof Refused)) throw error;
      if (error.retry) {
        this.retryLater(c, parseRetryAfter(String(error.answer.headers['retry-after'] ?? ''), Date.now()));
        return 'next';
      }
      c.state = 'parked';
      this.stats.anomaly(`${this.username} case ${c.marker} parked: ${error.message}`);
      return 'next';
    }
  }

  private retryLater(c: LocalCase, retryAfterMs = 0): void {
    c.attempts++;
    c.nextAttemptAt = Date.now() + Math.max(backoffDelay(c.attempts, Math.random), retryAfterMs);
  }

  /** PATCH from the byte the server holds; a 204 or 409 with Upload-Offset says where to go on from (send.ts). */
  private async upload(c: LocalCase, hash: string, offset: number): Promise<void> {
    const bytes = c.bytes.get(hash);
    if (!bytes) {
      this.stats.anomaly(`${this.username} case ${c.marker}: photo ${hash.slice(0, 12)} acknowledged before, now missing on the server`);
      throw new Refused({ status: 0, headers: {}, body: Buffer.from('photo lost') }, false);
    }
    for (let tries = 0; ; tries++) {
      const from = Math.max(0, Math.min(offset, bytes.length));
      const a = await this.link.send('PATCH', `/api/photos/${hash}`, {
        route: 'PATCH /api/photos/:sha256', body: bytes.subarray(from),
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(from), 'upload-length': String(bytes.length) },
      });
      if (a.status === 200 || a.status === 201) return;
      const held = offsetOf(a);
      if ((a.status === 204 || a.status === 409) && held !== undefined && tries < 3) {
        offset = held;
        continue;
      }
      throw new Refused(a, a.status >= 500 || a.status === 429);
    }
  }

  private async putCase(c: LocalCase): Promise<Outcome> {
    const body = JSON.stringify({ baseRevision: c.serverRevision, fields: c.fields });
    let a = await this.link.send('PUT', `/api/cases/${c.id}`, { route: 'PUT /api/cases/:id', body, headers: { 'content-type': 'application/json' } });
    if (a.status === 409 && json<{ error?: string }>(a).error === 'missing-photos') {
      const missing = json<{ missing: string[] }>(a).missing;
      this.stats.anomaly(`${this.username} case ${c.marker}: 409 missing-photos ${missing.length} after every probe said held or the upload was acknowledged`);
      await eachLimit(missing, 2, (h) => this.upload(c, h, 0));
      a = await this.link.send('PUT', `/api/cases/${c.id}`, { route: 'PUT /api/cases/:id', body, headers: { 'content-type': 'application/json' } });
    }
    if (a.status !== 200 && a.status !== 201) throw new Refused(a, a.status >= 500 || a.status === 429);
    const r = json<CaseReceipt>(a);
    if (r.caseId !== c.id || r.photosConfirmed !== r.photosTotal || r.photosTotal !== c.fields.photos.length) {
      this.stats.anomaly(`${this.username} case ${c.marker}: receipt ${JSON.stringify(r)}`);
      throw new Refused(a, true);
    }
    this.checkReceipt(c, a.status, r);
    if (c.lostRevision === undefined && Math.random() < this.profile.lostAnswer) {
      // The answer never reached the phone (a dropped link after the server committed): the case stays queued.
      c.lostRevision = r.revision;
      this.ledger.lostAnswers++;
      this.retryLater(c);
      return 'network';
    }
    this.ledger.accept(c.id, this.username, c.marker, r.revision, contentHash(c.fields), r.replay);
    c.serverRevision = r.revision;
    c.state = 'sent';
    c.attempts = 0;
    c.lostRevision = undefined;
    c.bytes.clear();
    this.noteReturned(c);
    return 'sent';
  }

  /** A receipt names the revision the phone expects: a replay of the lost one, else one more than it holds. */
  private checkReceipt(c: LocalCase, status: number, r: CaseReceipt): void {
    if (c.lostRevision !== undefined) {
      if (!r.replay || r.revision !== c.lostRevision) this.stats.anomaly(`${c.marker}: the replay of a lost answer gave ${status} revision ${r.revision} replay=${r.replay}, not revision ${c.lostRevision} again`);
      return;
    }
    const expected = c.serverRevision + 1;
    // A replay here follows an answer lost for real (the SIGKILL run): the server had stored the revision.
    if (r.revision !== expected || (!r.replay && (status === 201) !== (expected === 1))) {
      this.stats.anomaly(`${c.marker}: ${status} revision ${r.revision} replay=${r.replay}, expected revision ${expected}`);
    }
  }

  /** GET /api/sync/changes from the cursor (at most 20 pages a run): a returned case becomes editable. */
  private async pullChanges(): Promise<void> {
    for (let page = 0; page < 20; page++) {
      const a = await this.link.send('GET', `/api/sync/changes?since=${this.cursor}`, { route: 'GET /api/sync/changes' });
      if (a.status !== 200) throw new Refused(a, true);
      const got = json<ChangesPage>(a);
      for (const ch of got.changes) {
        const c = this.cases.get(ch.caseId);
        if (!c) continue; // another phone's case of the same account
        this.feed.set(ch.caseId, { status: ch.status, revision: ch.revision });
        this.noteReturned(c);
      }
      if (!got.more || got.cursor === this.cursor) {
        this.cursor = got.cursor;
        break;
      }
      this.cursor = got.cursor;
    }
  }

  private noteReturned(c: LocalCase): void {
    const f = this.feed.get(c.id);
    if (c.state === 'sent' && f?.status === 'returned' && f.revision === c.serverRevision) c.state = 'returned';
  }

  private async pullLists(): Promise<void> {
    const headers: Record<string, string> = this.listsVersion ? { 'if-none-match': `"${this.listsVersion}"` } : {};
    const a = await this.link.send('GET', '/api/reference', { route: 'GET /api/reference', headers });
    if (a.status === 304) return;
    if (a.status !== 200) throw new Refused(a, true);
    this.listsVersion = String(a.headers.etag ?? '').replace(/"/g, '') || undefined;
  }
}
