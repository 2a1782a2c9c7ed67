// The bounded store of exchanges (one hop's primary with its copies, by exchange id: exchange-id.ts): at most `maxExchanges`
// exchanges and `maxBodyChars` characters of captured bodies; beyond either the oldest exchange is
// evicted (counted). Copies whose primary has not arrived wait here too, at most `maxOrphans` of them.
import type { FlowComparison, FlowRecord } from '@shadowmesh/api';

export interface HeldExchange {
  readonly id: string;
  readonly requestId: string;
  primary: FlowRecord | null;
  copies: FlowRecord[];
  /** Comparisons by copy record id (made once the primary and the copy are both here). */
  comparisons: Map<string, FlowComparison>;
  /** When the first record of the exchange arrived (the service's clock). */
  readonly firstSeenAt: number;
  /** When the primary arrived, or null. */
  primaryAt: number | null;
  /** The announced copies that have not arrived are no longer awaited. */
  expired: boolean;
  /** Characters of captured bodies held. */
  bytes: number;
}

export interface RingLimits {
  /** Default 5,000. */
  maxExchanges?: number;
  /** Default 64 MiB. */
  maxBodyChars?: number;
  /** Exchanges without a primary (copies waiting for it); default 1,000. */
  maxOrphans?: number;
}

export const DEFAULT_MAX_EXCHANGES = 5_000;
export const DEFAULT_MAX_BODY_CHARS = 64 * 1024 * 1024;
export const DEFAULT_MAX_ORPHANS = 1_000;

export class ExchangeRing {
  /** Records (primaries and copies) evicted since start. */
  evictedRecords = 0;
  evictedExchanges = 0;
  /** Records held. */
  records = 0;
  bytes = 0;
  readonly #byId = new Map<string, HeldExchange>();
  readonly #orphans = new Set<HeldExchange>();
  readonly #maxExchanges: number;
  readonly #maxBodyChars: number;
  readonly #maxOrphans: number;

  constructor(limits: RingLimits = {}) {
    this.#maxExchanges = limits.maxExchanges ?? DEFAULT_MAX_EXCHANGES;
    this.#maxBodyChars = limits.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
    this.#maxOrphans = limits.maxOrphans ?? DEFAULT_MAX_ORPHANS;
  }

  get size(): number {
    return this.#byId.size;
  }

  get orphans(): number {
    return this.#orphans.size;
  }

  get(id: string): HeldExchange | undefined {
    return this.#byId.get(id);
  }

  /** The newest exchange of a request id (one per hop the request crossed), if any is held. */
  newestOfRequest(requestId: string): HeldExchange | undefined {
    let newest: HeldExchange | undefined;
    for (const exchange of this.#byId.values()) if (exchange.requestId === requestId) newest = exchange;
    return newest;
  }

  /** The exchange `id` (of `requestId`), created (newest) when absent. */
  open(id: string, requestId: string, now: number): { exchange: HeldExchange; created: boolean } {
    const found = this.#byId.get(id);
    if (found !== undefined) return { exchange: found, created: false };
    const exchange: HeldExchange = {
      id,
      requestId,
      primary: null,
      copies: [],
      comparisons: new Map(),
      firstSeenAt: now,
      primaryAt: null,
      expired: false,
      bytes: 0,
    };
    this.#byId.set(id, exchange);
    this.#orphans.add(exchange);
    return { exchange, created: true };
  }

  /** Adds a record to an exchange (the caller has checked it belongs there), then enforces the bounds. */
  add(exchange: HeldExchange, record: FlowRecord, now: number): void {
    const chars = bodyChars(record);
    if (record.type === 'primary') {
      exchange.primary = record;
      exchange.primaryAt = now;
      this.#orphans.delete(exchange);
    } else {
      exchange.copies.push(record);
    }
    exchange.bytes += chars;
    this.bytes += chars;
    this.records++;
    this.#enforce(exchange);
  }

  /** True while the exchange is held (it may have been evicted by the bounds). */
  holds(exchange: HeldExchange): boolean {
    return this.#byId.get(exchange.id) === exchange;
  }

  /** Every exchange, oldest first. */
  values(): IterableIterator<HeldExchange> {
    return this.#byId.values();
  }

  #enforce(latest: HeldExchange): void {
    while (this.#orphans.size > this.#maxOrphans) {
      const oldest = this.#orphans.values().next().value as HeldExchange;
      this.#evict(oldest);
    }
    while (this.#byId.size > this.#maxExchanges || this.bytes > this.#maxBodyChars) {
      const oldest = this.#byId.values().next().value as HeldExchange | undefined;
      if (oldest === undefined) break;
      this.#evict(oldest);
      if (oldest === latest) break;
    }
  }

  #evict(exchange: HeldExchange): void {
    this.#byId.delete(exchange.id);
    this.#orphans.delete(exchange);
    const n = (exchange.primary ? 1 : 0) + exchange.copies.length;
    this.records -= n;
    this.bytes -= exchange.bytes;
    this.evictedRecords += n;
    this.evictedExchanges++;
  }
}

/** Characters of a record's captured bodies. */
export function bodyChars(record: FlowRecord): number {
  return (record.requestBody?.data.length ?? 0) + (record.responseBody?.data.length ?? 0);
}
