// A limit on work running at once in this process (password checks, the bulletin's disk reads): at most `n`
// tasks run, the others wait their turn in order, and a finished task hands its slot straight to the next one.

/** No slot was free and the queue was full: the task was not run. */
export class SlotsFull extends Error {
  constructor() {
    super('no free slot, and the queue is full');
  }
}

export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly n: number, private readonly maxWaiting = Infinity) {}

  /** Runs fn when a slot is free (at once when one is); SlotsFull when none is and maxWaiting tasks already wait. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running < this.n) this.running++;
    else if (this.waiting.length < this.maxWaiting) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw new SlotsFull();
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight on
      else this.running--;
    }
  }
}
