// The control plane's request flows: ingests proxies' `flows` messages (validated; a bad one is refused,
// counted and logged at debug, never thrown), keeps exchanges in a bounded ring, pairs each primary with
// its copies (in either arrival order; one exchange per hop of a request id, exchange-id.ts), compares every pair as soon as both are here, and
// feeds the divergence tracker. Listeners (the tap hub) hear of every new or changed exchange.
import type {
  DivergenceResponse,
  FlowExchange,
  FlowExchangeSummary,
  FlowListResponse,
  FlowRecord,
  ProxyIdentity,
} from '@shadowmesh/api';
import type { ServiceLogger } from '../service-logger.js';
import { DivergenceTracker } from './compare/index.js';
import { flowExchangeId } from './exchange-id.js';
import { ExchangeRing, type HeldExchange, type RingLimits } from './exchange-ring.js';
import { fullExchange, pendingCopies, startTimeOf, summarizeExchange } from './exchange-view.js';
import { exchangeMatches, type FlowQuery } from './flow-filter.js';
import { checkFlowsPayload } from './flows-payload-check.js';
import { type FlowSettings, fixedFlowSettings } from './shadow-settings-source.js';

/** Most copies kept per exchange (a primary announces at most 64). */
const MAX_COPIES = 64;

export interface FlowsServiceOptions extends RingLimits {
  now?: () => number;
  log?: ServiceLogger;
  /** Ignore rules and copy wait (default: no rules, 15 s). */
  settings?: FlowSettings;
  tracker?: DivergenceTracker;
  /** How often awaited copies are given up on (default 1000 ms; 0: only when `sweep()` is called). */
  sweepMs?: number;
}

export interface FlowsCounters {
  /** `flows` messages received. */
  messages: number;
  /** Messages refused as malformed (nothing of them was kept). */
  rejected: number;
  /** Primary records refused because their source is not the proxy that sent them. */
  foreign: number;
  /** Records kept. */
  records: number;
  /** Records ignored: already held (same id), a second primary, or copies beyond 64. */
  duplicates: number;
  /** Flows the proxies reported they dropped. */
  proxyDropped: number;
}

export type ExchangeListener = (exchange: HeldExchange) => void;

export class FlowsService {
  readonly counters: FlowsCounters = {
    messages: 0,
    rejected: 0,
    foreign: 0,
    records: 0,
    duplicates: 0,
    proxyDropped: 0,
  };
  readonly ring: ExchangeRing;
  readonly tracker: DivergenceTracker;
  readonly #now: () => number;
  readonly #log: ServiceLogger | undefined;
  readonly #listeners = new Set<ExchangeListener>();
  /** Exchanges whose primary still awaits copies. */
  readonly #awaiting = new Set<HeldExchange>();
  readonly #timer: NodeJS.Timeout | null;
  #settings: FlowSettings;
  #divergenceVersion = 0;

  constructor(options: FlowsServiceOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
    this.#settings = options.settings ?? fixedFlowSettings();
    this.ring = new ExchangeRing(options);
    this.tracker = options.tracker ?? new DivergenceTracker();
    const sweepMs = options.sweepMs ?? 1000;
    this.#timer = sweepMs > 0 ? setInterval(() => this.sweep(), sweepMs) : null;
    this.#timer?.unref();
  }

  /** Where ignore rules and the copy wait come from (the app sets the store-backed source). */
  useSettings(settings: FlowSettings): void {
    this.#settings = settings;
  }

  /** Bumped whenever a comparison was recorded (the graph's divergence cache keys on it). */
  get divergenceVersion(): number {
    return this.#divergenceVersion;
  }

  /** Keeps one proxy's `flows` payload; false (counted, logged at debug) when refused. Never throws. */
  ingest(proxy: ProxyIdentity, payload: unknown): boolean {
    this.counters.messages++;
    try {
      const checked = checkFlowsPayload(proxy, payload);
      if (!checked.ok) {
        this.counters.rejected++;
        this.#log?.debug({ proxy: proxy.id, field: checked.field, error: checked.message }, 'flows refused');
        return false;
      }
      this.counters.proxyDropped += checked.payload.dropped;
      if (checked.foreign > 0) {
        this.counters.foreign += checked.foreign;
        this.#log?.debug({ proxy: proxy.id, refused: checked.foreign }, 'flows of another workload refused');
      }
      const changed = new Set<HeldExchange>();
      const now = this.#now();
      for (const record of checked.accepted) {
        const exchange = this.#add(record, now);
        if (exchange !== null) changed.add(exchange);
      }
      for (const exchange of changed) if (this.ring.holds(exchange)) this.#notify(exchange);
      return true;
    } catch (error) {
      this.counters.rejected++;
      this.#log?.error({ err: error, proxy: proxy.id }, 'flows ingestion failed');
      return false;
    }
  }

  /** Exchanges matching `query`, newest first, at most `limit`. */
  list(query: FlowQuery, limit: number): FlowListResponse {
    const matched: HeldExchange[] = [];
    for (const exchange of this.ring.values()) {
      if (query.since !== undefined && startTimeOf(exchange) < query.since) continue;
      if (exchangeMatches(query.filter, exchange.primary, exchange.copies)) matched.push(exchange);
    }
    matched.sort((a, b) => startTimeOf(b) - startTimeOf(a));
    return {
      items: matched.slice(0, limit).map((e) => this.summary(e)),
      held: this.ring.records,
      dropped: this.counters.proxyDropped + this.ring.evictedRecords,
    };
  }

  /**
   * One exchange with its comparisons made again now (with the volatile fields learned since). `id` is an
   * exchange id, or a bare request id (as logs and `shadowmesh tap` show it) for its newest exchange.
   */
  exchange(id: string): FlowExchange | null {
    const exchange = this.ring.get(id) ?? this.ring.newestOfRequest(id);
    if (exchange === undefined) return null;
    const { primary } = exchange;
    const comparisons =
      primary === null
        ? []
        : exchange.copies.map((copy) =>
            this.tracker.compare(primary, copy, this.#settings.rulesFor(copy.destination.service)),
          );
    return fullExchange(exchange, comparisons, this.#pending(exchange));
  }

  summary(exchange: HeldExchange): FlowExchangeSummary {
    return summarizeExchange(exchange, this.#pending(exchange));
  }

  divergence(filter: { namespace?: string; service?: string } = {}): DivergenceResponse {
    return { items: this.tracker.summaries(filter) };
  }

  onChange(listener: ExchangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops awaiting copies whose wait is over (listeners hear of it); returns how many exchanges. */
  sweep(): number {
    const now = this.#now();
    const waitMs = this.#settings.copyWaitMs();
    let expired = 0;
    for (const exchange of this.#awaiting) {
      if (!this.ring.holds(exchange)) {
        this.#awaiting.delete(exchange);
        continue;
      }
      if (pendingCopies(exchange, now, waitMs) > 0) continue;
      this.#awaiting.delete(exchange);
      exchange.expired = true;
      expired++;
      this.#notify(exchange);
    }
    return expired;
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#listeners.clear();
  }

  #pending(exchange: HeldExchange): number {
    return pendingCopies(exchange, this.#now(), this.#settings.copyWaitMs());
  }

  /** Adds one record to its exchange and compares what can be compared; null when it was ignored. */
  #add(record: FlowRecord, now: number): HeldExchange | null {
    const { exchange } = this.ring.open(flowExchangeId(record), record.requestId, now);
    if (record.type === 'primary') {
      if (exchange.primary !== null) return this.#duplicate();
      this.ring.add(exchange, record, now);
      this.counters.records++;
      this.tracker.observePrimary(record);
      for (const copy of exchange.copies) this.#compare(exchange, record, copy);
      if (this.#pending(exchange) > 0) this.#awaiting.add(exchange);
      return exchange;
    }
    if (exchange.copies.length >= MAX_COPIES || exchange.copies.some((c) => c.id === record.id)) {
      return this.#duplicate();
    }
    this.ring.add(exchange, record, now);
    this.counters.records++;
    if (exchange.primary !== null) this.#compare(exchange, exchange.primary, record);
    if (this.#pending(exchange) === 0) this.#awaiting.delete(exchange);
    return exchange;
  }

  #compare(exchange: HeldExchange, primary: FlowRecord, copy: FlowRecord): void {
    try {
      const rules = this.#settings.rulesFor(copy.destination.service);
      const comparison = this.tracker.compare(primary, copy, rules);
      exchange.comparisons.set(copy.id, comparison);
      // Mirror copies count as divergence; baseline copies teach the tracker what is noise.
      this.tracker.record(primary, copy, comparison);
      this.#divergenceVersion++;
    } catch (error) {
      this.#log?.error({ err: error, exchange: exchange.id }, 'comparing flows failed');
    }
  }

  #duplicate(): null {
    this.counters.duplicates++;
    return null;
  }

  #notify(exchange: HeldExchange): void {
    for (const listener of this.#listeners) {
      try {
        listener(exchange);
      } catch (error) {
        this.#log?.error({ err: error }, 'flows listener failed');
      }
    }
  }
}
