// A clock that moves only when a test says so: handed to code that takes a `now` (the sync engine, the server).

export class FakeClock {
  constructor(public t = Date.parse('2026-07-20T08:00:00Z')) {}
  readonly now = (): number => this.t;
  readonly date = (): Date => new Date(this.t);
  advance(ms: number): void { this.t += ms; }
}
