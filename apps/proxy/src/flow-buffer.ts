// Flow records waiting to be sent to the control plane: at most `maxRecords` records and `maxBytes` of
// captured bytes. When full, the oldest records go first (so while the control plane is away the newest
// are kept), and every record lost is counted in the `dropped` of the next payload.
import type { FlowRecord, FlowsPayload } from '@shadowmesh/api';

export interface FlowBufferLimits {
  maxRecords: number;
  maxBytes: number;
}

export const DEFAULT_FLOW_BUFFER_LIMITS: FlowBufferLimits = {
  maxRecords: 1_000,
  maxBytes: 8 * 1024 * 1024,
};

/**
 * Captured bytes sent in one message at most: the control plane refuses WebSocket messages over 8 MiB,
 * and JSON escaping can grow text; what does not fit waits for the next interval.
 */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** Captured bytes of a record: body data and header text (what the control plane will receive). */
export function recordBytes(r: FlowRecord): number {
  let n = r.path.length + r.authority.length + 256;
  for (const name in r.requestHeaders) n += name.length + (r.requestHeaders[name] as string).length;
  for (const name in r.responseHeaders) n += name.length + (r.responseHeaders[name] as string).length;
  if (r.requestBody !== null) n += Buffer.byteLength(r.requestBody.data);
  if (r.responseBody !== null) n += Buffer.byteLength(r.responseBody.data);
  return n;
}

export class FlowBuffer {
  /** Records queued since the process started. */
  capturedTotal = 0;
  /** Records lost since the process started (buffer full, tap over its rate). */
  droppedTotal = 0;
  private records: FlowRecord[] = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;
  /** Dropped since the last payload. */
  private droppedSinceTake = 0;

  constructor(private readonly limits: FlowBufferLimits = DEFAULT_FLOW_BUFFER_LIMITS) {}

  get length(): number {
    return this.records.length - this.head;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Queues a record, evicting the oldest while over a bound (a record larger than the whole bound is dropped). */
  push(record: FlowRecord): void {
    const size = recordBytes(record);
    if (size > this.limits.maxBytes) {
      this.countDropped(1);
      return;
    }
    this.capturedTotal++;
    this.records.push(record);
    this.sizes.push(size);
    this.bytes += size;
    while (this.length > this.limits.maxRecords || this.bytes > this.limits.maxBytes) {
      this.bytes -= this.sizes[this.head] as number;
      this.head++;
      this.countDropped(1);
    }
    // Compact now and then so evicted records can be collected.
    if (this.head > 64 && this.head * 2 > this.records.length) this.compact();
  }

  /** A record that was not queued (e.g. a tap session over its rate). */
  countDropped(n: number): void {
    this.droppedTotal += n;
    this.droppedSinceTake += n;
  }

  /**
   * The oldest queued records (up to `maxBytes` of them, at least one) and the drop count as one payload,
   * removed from the buffer; null when there is nothing to say.
   */
  take(maxBytes = MAX_PAYLOAD_BYTES): FlowsPayload | null {
    if (this.length === 0 && this.droppedSinceTake === 0) return null;
    let end = this.head;
    let bytes = 0;
    while (end < this.records.length) {
      const size = this.sizes[end] as number;
      if (end > this.head && bytes + size > maxBytes) break;
      bytes += size;
      end++;
    }
    const flows = this.records.slice(this.head, end);
    const payload: FlowsPayload = { version: 1, flows, dropped: this.droppedSinceTake };
    this.head = end;
    this.bytes -= bytes;
    this.droppedSinceTake = 0;
    if (this.head === this.records.length) {
      this.records = [];
      this.sizes = [];
      this.head = 0;
    }
    return payload;
  }

  private compact(): void {
    this.records = this.records.slice(this.head);
    this.sizes = this.sizes.slice(this.head);
    this.head = 0;
  }
}
