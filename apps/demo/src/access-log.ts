/** One request as the workload saw it. */
export interface AccessLogEntry {
  /** 1, 2, 3… in the order requests finished; `/__log?since=N` returns the entries after N. */
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  method: string;
  /** The request target as received, query included. */
  path: string;
  /** The Host header as received (`httpbin-shadow:8000` for a mirrored copy), or '' when absent. */
  host: string;
  /** The status answered, or 0 when the client went away before an answer. */
  status: number;
  durationMs: number;
  /** The `x-request-id` header, or null when absent. */
  requestId: string | null;
}

/** A bounded in-memory access log: keeps the newest `capacity` entries. */
export class AccessLog {
  readonly capacity: number;
  #ring: AccessLogEntry[] = [];
  #next = 0;
  #total = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
  }

  /** Every entry ever added, including those already dropped. */
  get total(): number {
    return this.#total;
  }

  add(entry: Omit<AccessLogEntry, 'seq'>): AccessLogEntry {
    this.#total += 1;
    const full: AccessLogEntry = { seq: this.#total, ...entry };
    if (this.#ring.length < this.capacity) this.#ring.push(full);
    else this.#ring[this.#next] = full;
    this.#next = (this.#next + 1) % this.capacity;
    return full;
  }

  /** Entries kept, oldest first; with `since`, only those whose seq is greater. */
  entries(since = 0): AccessLogEntry[] {
    const ordered =
      this.#ring.length < this.capacity
        ? this.#ring.slice()
        : [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
    return since > 0 ? ordered.filter((entry) => entry.seq > since) : ordered;
  }
}
