// A simulated reviewer at the review workspace: lists and searches cases, exports them (CSV, Excel, now and then
// a commune's photos as ZIP), and works the received cases of their communes: opens one, then either starts its
// appraisal or returns it to the reporter with a comment (the phone then edits and resends it). Each reviewer has
// communes of their own, so no two reviewers act on one case (a 409 there would be an error, not a race).
import type { ReviewListPage } from '../../../src/shared/review-protocol';
import { json, NetworkError, type Link } from './http';
import { sleep, thinkMs } from './stats';

export interface ReviewerProfile {
  thinkMeanS: number;
  /** Of a worked case: returned to the reporter (the rest go to appraisal). */
  returnShare: number;
}

/** Actions and their weights. */
const ACTIONS = [
  ['work', 45], ['browse', 20], ['search', 15], ['csv', 12], ['xlsx', 6], ['zip', 2],
] as const;

function pickAction(): (typeof ACTIONS)[number][0] {
  let r = Math.random() * ACTIONS.reduce((n, [, w]) => n + w, 0);
  for (const [name, w] of ACTIONS) if ((r -= w) < 0) return name;
  return 'work';
}

const any = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

export class Reviewer {
  returned = 0;
  appraised = 0;

  constructor(
    readonly username: string,
    /** The communes this reviewer works (their area's, or a share of the province's). */
    private readonly communes: readonly string[],
    /** Province reviewers export the whole province now and then. */
    private readonly province: boolean,
    private readonly markers: () => readonly string[],
    private readonly link: Link,
    private readonly profile: ReviewerProfile,
  ) {}

  private until = 0;

  async live(until: number, startDelayMs: number): Promise<void> {
    this.until = until;
    await sleep(startDelayMs);
    while (Date.now() < until) {
      try {
        await this.act(pickAction());
      } catch (error) {
        // The page shows the failure; the reviewer tries again after the pause below. Anything else is the bench's own bug.
        if (!(error instanceof NetworkError)) throw error;
      }
      await this.think(120_000);
    }
    this.link.close();
  }

  /** A pause, never past the end of the soak. */
  private think(maxMs: number): Promise<void> {
    return sleep(Math.min(thinkMs(this.profile.thinkMeanS * 1000, 2_000, maxMs), Math.max(0, this.until - Date.now())));
  }

  private list(query: string) {
    return this.link.send('GET', `/api/review/cases?${query}`, { route: 'GET /api/review/cases', timeoutMs: 60_000 });
  }

  private async act(action: (typeof ACTIONS)[number][0]): Promise<void> {
    const commune = any(this.communes);
    switch (action) {
      case 'work': return this.work(commune);
      case 'browse': {
        const filter = any(['status=appraising', 'status=received', `commune=${commune}`, 'kind=ca-nhan', 'from=2026-01-01']);
        const first = await this.list(`${filter}&limit=50`);
        const next = first.status === 200 ? json<ReviewListPage>(first).next : null;
        if (next) await this.list(`${filter}&limit=50&cursor=${next}`);
        return;
      }
      case 'search': {
        const marker = any(this.markers().length ? this.markers() : ['mai']);
        await this.list(`q=${encodeURIComponent(Math.random() < 0.5 ? marker.toLowerCase() : 'thị mai')}&limit=50`);
        return;
      }
      case 'csv':
      case 'xlsx': {
        const scope = this.province && Math.random() < 0.3 ? '' : `commune=${commune}`;
        await this.link.send('GET', `/api/review/export.${action}?${scope}`, { route: `GET /api/review/export.${action}`, timeoutMs: 300_000 });
        return;
      }
      case 'zip':
        await this.link.send('GET', `/api/review/export.zip?commune=${commune}&status=received`, { route: 'GET /api/review/export.zip', timeoutMs: 300_000 });
    }
  }

  /** Opens a received case of the commune and appraises it or returns it with a comment. */
  private async work(commune: string): Promise<void> {
    const page = await this.list(`status=received&commune=${commune}&limit=50`);
    if (page.status !== 200) return;
    const cases = json<ReviewListPage>(page).cases;
    if (cases.length === 0) return;
    const item = any(cases);
    await this.link.send('GET', `/api/review/cases/${item.id}`, { route: 'GET /api/review/cases/:id' });
    await this.think(60_000); // reading it
    const back = Math.random() < this.profile.returnShare;
    const body = back
      ? { to: 'returned', comment: 'Bổ sung xác nhận của trưởng bản', from: 'received', revision: item.revision }
      : { to: 'appraising', from: 'received', revision: item.revision };
    const a = await this.link.send('POST', `/api/cases/${item.id}/transitions`, {
      route: 'POST /api/cases/:id/transitions', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
    });
    if (a.status === 200) {
      if (back) this.returned++;
      else this.appraised++;
    }
  }
}
