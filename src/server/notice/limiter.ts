// How often one address may comment on public notices: at most `max` comments in any `windowMs`, counted in this
// process's memory (a restart forgives; the per-notice cap in the database still holds). Bounded: beyond
// MAX_ADDRESSES the addresses heard from longest ago are forgotten first.
const MAX_ADDRESSES = 10_000;

export class CommentLimiter {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /**
   * Counts a comment from this address at `now` and answers 0, or answers how many seconds until it may comment
   * again (counting nothing). Synchronous: two requests at once cannot both take the last place.
   */
  admit(address: string, now: number): number {
    const recent = this.recent(address, now);
    if (recent.length >= this.max) return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    recent.push(now);
    this.times.delete(address); // re-inserted last: the Map's first key is the address heard from longest ago
    this.times.set(address, recent);
    while (this.times.size > MAX_ADDRESSES) this.times.delete(this.times.keys().next().value!);
    return 0;
  }

  /** Gives back a place admit() took, when the comment was not stored after all. */
  refund(address: string, at: number): void {
    const recent = this.times.get(address);
    const i = recent?.lastIndexOf(at) ?? -1;
    if (i >= 0) recent!.splice(i, 1);
  }

  private recent(address: string, now: number): number[] {
    return (this.times.get(address) ?? []).filter((t) => t > now - this.windowMs);
  }
}
