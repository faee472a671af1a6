// The network steps of sending one case: probe which photos the server lacks (HEAD), upload those (PATCH of the
// raw bytes from the byte the server holds: the rest of an upload a dropped link cut), then PUT the case and check
// the receipt. No database writes here, only reads of blob bytes: the run (case-pipeline.ts) records the outcome
// in its own transaction.
import type { CaseFields } from '../shared/case-schema';
import { sha256Hex } from '../shared/hash';
import type { CaseReceipt } from '../shared/sync-protocol';
import type { GuongSangDb } from '../db/database';
import { readBlobBytes, type SendSnapshot } from '../db/outbox';
import { MESSAGES, SyncFailure, type PhotoProbe, type SyncApi } from './http';

export interface Progress { caseId: string; label: string; sentBytes: number; totalBytes: number }

/** Runs `work` over items with at most `limit` at a time; the first failure stops new work and is thrown. */
export async function eachLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed !== undefined) throw failed;
}

/** HEAD each hash: whether the server holds it, else how much of it an earlier, cut upload left there. */
export async function probe(api: SyncApi, hashes: readonly string[], concurrency: number): Promise<Map<string, PhotoProbe>> {
  const answers = new Map<string, PhotoProbe>();
  await eachLimit(hashes, concurrency, async (sha256) => {
    answers.set(sha256, await api.probePhoto(sha256));
  });
  return answers;
}

export class CaseSender {
  readonly progress: Progress;
  private readonly sizes: Map<string, number>;

  constructor(
    private readonly db: GuongSangDb,
    private readonly api: SyncApi,
    readonly snap: SendSnapshot,
    private readonly report: (p: Progress) => void,
    private readonly uploadConcurrency = 2,
  ) {
    this.sizes = new Map(snap.blobs.map((b) => [b.sha256, b.bytes]));
    this.progress = {
      caseId: snap.expected.caseId, label: snap.case.fields.subjectName?.trim() || 'Hồ sơ chưa có tên',
      sentBytes: 0, totalBytes: snap.blobs.reduce((n, b) => n + b.bytes, 0),
    };
  }

  /** Probes and uploads what the server lacks. `known`: answers of probes made earlier (during the previous case). */
  async sendPhotos(known: Map<string, PhotoProbe> | undefined): Promise<void> {
    this.report({ ...this.progress });
    const unknown = this.snap.blobs.map((b) => b.sha256).filter((h) => !known?.has(h));
    const fresh = await probe(this.api, unknown, 6);
    const missing = new Map<string, number>();
    for (const { sha256, bytes } of this.snap.blobs) {
      const answer = known?.get(sha256) ?? fresh.get(sha256);
      if (answer?.stored) this.progress.sentBytes += bytes;
      else missing.set(sha256, answer?.offset ?? 0);
    }
    this.report({ ...this.progress });
    await this.upload(missing);
  }

  /** PUT of the case; a 409 naming missing photos gets them uploaded and the PUT repeated, once. */
  async putCase(): Promise<CaseReceipt> {
    const { expected, case: c } = this.snap;
    const body = { baseRevision: c.serverRevision ?? 0, fields: c.fields as CaseFields };
    let receipt: CaseReceipt;
    try {
      receipt = await this.api.putCase(expected.caseId, body);
    } catch (error) {
      // The server lost or never got some photo (or a HEAD was answered by something else): send it, once.
      if (!(error instanceof SyncFailure) || error.failure.kind !== 'missing-photos') throw error;
      const ours = error.failure.missing.filter((h) => this.sizes.has(h));
      if (ours.length === 0) throw new SyncFailure({ kind: 'server', status: 409, message: error.failure.message });
      await this.upload(new Map(ours.map((h) => [h, 0])));
      receipt = await this.api.putCase(expected.caseId, body);
    }
    if (receipt.photosConfirmed !== receipt.photosTotal) {
      throw new SyncFailure({ kind: 'server', status: 200, message: `Máy chủ mới nhận ${receipt.photosConfirmed}/${receipt.photosTotal} ảnh. Máy sẽ tự gửi lại.` });
    }
    return receipt;
  }

  /** Uploads each photo from the byte the server already holds (0: all of it). */
  private async upload(offsets: ReadonlyMap<string, number>): Promise<void> {
    await eachLimit([...offsets], this.uploadConcurrency, async ([sha256, offset]) => {
      const bytes = await readBlobBytes(this.db, sha256);
      if (!bytes) throw new SyncFailure({ kind: 'invalid', status: 0, forbidden: false, message: MESSAGES.lost });
      try {
        await this.api.sendPhoto(sha256, bytes, offset);
      } catch (error) {
        if (error instanceof SyncFailure && error.failure.kind === 'invalid' && error.failure.code === 'hash-mismatch') {
          // Garbled on the way (send again) or damaged on the phone (the reporter must replace it)?
          throw new SyncFailure((await sha256Hex(bytes)) === sha256
            ? { kind: 'server', status: 422, message: MESSAGES.garbled }
            : { kind: 'invalid', status: 422, forbidden: false, message: MESSAGES.damaged });
        }
        throw error;
      }
      this.progress.sentBytes = Math.min(this.progress.totalBytes, this.progress.sentBytes + (this.sizes.get(sha256) ?? 0));
      this.report({ ...this.progress });
    });
  }
}
