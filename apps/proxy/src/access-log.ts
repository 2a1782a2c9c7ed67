// The inbound listener's access log: kept in a fixed-size ring (served by the admin `/logs`) and
// written with pino. One entry per request that reached this workload.
import type { Logger } from 'pino';

export interface AccessLogEntry {
  /** Increases by one per entry for the life of the proxy; `/logs?since=SEQ` returns later entries. */
  seq: number;
  time: string;
  method: string;
  path: string;
  /** The Host header as received (a mirrored copy shows `httpbin-shadow:8000`). */
  authority: string;
  status: number;
  /** Envoy response flags, `-` when none. */
  flags: string;
  durationMs: number;
  requestId: string;
  /** True for a mirrored copy (it carried `x-shadowmesh-shadow: 1`). */
  shadow: boolean;
  sourceWorkload: string;
  bytesReceived: number;
  bytesSent: number;
}

export class AccessLog {
  private readonly ring: (AccessLogEntry | undefined)[];
  private nextSeq = 1;

  constructor(
    private readonly capacity: number,
    private readonly logger: Logger | null,
  ) {
    this.ring = new Array(capacity);
  }

  add(entry: Omit<AccessLogEntry, 'seq' | 'time'>): AccessLogEntry {
    const full: AccessLogEntry = { seq: this.nextSeq++, time: new Date().toISOString(), ...entry };
    this.ring[(full.seq - 1) % this.capacity] = full;
    this.logger?.info({ access: full }, `${full.method} ${full.path} ${full.status}`);
    return full;
  }

  /** Entries with seq > `since`, oldest first, at most `limit` (the newest ones when more are kept). */
  since(since: number, limit: number): AccessLogEntry[] {
    const newest = this.nextSeq - 1;
    const oldest = Math.max(1, newest - this.capacity + 1, since + 1, newest - limit + 1);
    const out: AccessLogEntry[] = [];
    for (let seq = oldest; seq <= newest; seq++) {
      const entry = this.ring[(seq - 1) % this.capacity];
      if (entry !== undefined && entry.seq === seq) out.push(entry);
    }
    return out;
  }
}
