// One coarse interval timer for every deadline of the proxy (route timeouts, per-try timeouts, shadow
// timeouts, fault delays, retry back-off) instead of a setTimeout per request. Deadlines fire within
// one tick after they are due; the interval runs only while deadlines are pending.

export interface Deadline {
  /** Removes the deadline; its callback will not run. Safe to call more than once. */
  cancel(): void;
}

interface Entry extends Deadline {
  tick: number;
  fn: (() => void) | null;
}

export class DeadlineWheel {
  private readonly buckets = new Map<number, Set<Entry>>();
  private pending = 0;
  private lastTick: number;
  private interval: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly tickMs = 10,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.lastTick = Math.floor(Date.now() / tickMs);
  }

  /** Runs `fn` once, `delayMs` from now (rounded up to the tick). */
  after(delayMs: number, fn: () => void): Deadline {
    const now = Date.now();
    if (this.pending === 0) this.lastTick = Math.floor(now / this.tickMs);
    const tick = Math.max(this.lastTick + 1, Math.ceil((now + Math.max(0, delayMs)) / this.tickMs));
    const entry: Entry = {
      tick,
      fn,
      cancel: () => {
        if (entry.fn === null) return;
        entry.fn = null;
        const bucket = this.buckets.get(entry.tick);
        if (bucket?.delete(entry)) {
          if (bucket.size === 0) this.buckets.delete(entry.tick);
          this.pending--;
          if (this.pending === 0) this.stop();
        }
      },
    };
    let bucket = this.buckets.get(tick);
    if (bucket === undefined) {
      bucket = new Set();
      this.buckets.set(tick, bucket);
    }
    bucket.add(entry);
    this.pending++;
    if (this.interval === null) {
      this.interval = setInterval(() => this.advance(), this.tickMs);
      this.interval.unref();
    }
    return entry;
  }

  get size(): number {
    return this.pending;
  }

  /** Drops every pending deadline without running it. */
  close(): void {
    for (const bucket of this.buckets.values()) for (const entry of bucket) entry.fn = null;
    this.buckets.clear();
    this.pending = 0;
    this.stop();
  }

  private advance(): void {
    const nowTick = Math.floor(Date.now() / this.tickMs);
    while (this.lastTick < nowTick && this.pending > 0) {
      this.lastTick++;
      const bucket = this.buckets.get(this.lastTick);
      if (bucket === undefined) continue;
      this.buckets.delete(this.lastTick);
      for (const entry of bucket) {
        const fn = entry.fn;
        entry.fn = null;
        this.pending--;
        if (fn === null) continue;
        try {
          fn();
        } catch (err) {
          this.onError(err);
        }
      }
    }
    if (this.pending === 0) this.stop();
    else this.lastTick = Math.max(this.lastTick, nowTick);
  }

  private stop(): void {
    if (this.interval !== null) {
      clearInterval(this.interval);
      this.interval = null;
    }
  }
}
