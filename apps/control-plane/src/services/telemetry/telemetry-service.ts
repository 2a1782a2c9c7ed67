// The control plane's telemetry: ingests every proxy's one-second deltas (validated; a bad one is
// refused and counted), keeps cumulative Prometheus counters per label set and the per-series time
// series, and answers graph and metrics queries over any window from 10 s to 6 h.
import type { GraphResponse, MetricsResponse, ProxyIdentity } from '@shadowmesh/api';
import type { EdgeDelta, TelemetryDeltaReader } from '@shadowmesh/telemetry';
import { emptyOutcomeCounts, MIRROR_OUTCOMES } from '@shadowmesh/telemetry';
import type { TelemetrySink } from '../push/telemetry-sink.js';
import type { ServiceLogger } from '../service-logger.js';
import type { Frame } from './frame.js';
import { summarizeFrames } from './frame-summary.js';
import { buildGraph } from './graph/graph-builder.js';
import type { GraphQuery, MeshContext, WindowEdge } from './graph/graph-types.js';
import type { MirrorTotals } from './prometheus-exposition.js';
import type { Series } from './series-registry.js';
import { SeriesRegistry, sameKey } from './series-registry.js';
import { connectionReader, isCompactPayload, validateTelemetry } from './telemetry-ingest.js';
import type { WindowFrames } from './time-series-store.js';
import { COARSE_BLOCKS, COARSE_SPAN, TimeSeriesStore } from './time-series-store.js';
import { aggregateWindow, stepSeries, WindowScratch } from './window-aggregate.js';

/** Default bound on distinct edge keys (label sets) kept. */
export const DEFAULT_MAX_SERIES = 50_000;
/** Block summaries kept (one per window duration in use, typically). */
const MAX_SUMMARIES = 4;
/** Most gateways and mirror (workload, target) pairs remembered. */
const MAX_SMALL_SETS = 10_000;

export interface TelemetryServiceOptions {
  now?: () => number;
  /** Distinct edge keys kept (default 50,000). */
  maxSeries?: number;
  /** Bytes the time-series frames may hold (default 512 MiB; the oldest are dropped beyond it). */
  maxStoreBytes?: number;
  log?: ServiceLogger;
  /** Also receives every message (flows go only there). */
  next?: TelemetrySink;
}

export interface TelemetryCounters {
  messages: number;
  /** Payloads refused as malformed (`shadowmesh_telemetry_rejected_total`). */
  rejected: number;
  edges: number;
  /** Edge deltas dropped because the series bound was reached. */
  seriesDropped: number;
  evicted: number;
}

export interface MetricsQuery {
  target: { node: string } | { edge: string };
  graphType: GraphQuery['graphType'];
  direction: 'inbound' | 'outbound';
  durationSeconds: number;
  stepSeconds: number;
}

/** What a compact (version 2) sender bound on one connection, and the series of each key id. */
interface ConnectionKeys {
  reader: TelemetryDeltaReader;
  series: Map<number, Series>;
}

export class TelemetryService {
  readonly registry: SeriesRegistry;
  readonly store: TimeSeriesStore;
  readonly counters: TelemetryCounters = { messages: 0, rejected: 0, edges: 0, seriesDropped: 0, evicted: 0 };
  /** `namespace/workload` of proxies that said they are gateways. */
  readonly gateways = new Set<string>();
  readonly sink: TelemetrySink;
  private readonly mirror = new Map<string, MirrorTotals & { lastSeen: number }>();
  /** Buffers of window aggregation, reused (edges of a window are valid until the next one). */
  private readonly scratch = new WindowScratch();
  /** Summaries of runs of ten-second blocks, by first block and count (oldest dropped first). */
  private readonly summaries = new Map<string, Frame>();
  /** Per proxy: the series of each edge of its last delta, by position. */
  private readonly lastSeries = new Map<string, (Series | null)[]>();
  /**
   * Per connection, the keys its compact deltas bound. The proxy session hands every message of one
   * connection with the same identity object (made from that connection's hello), so a reconnect
   * starts with no keys, and a closed connection's entry goes with its identity.
   */
  private readonly connections = new WeakMap<ProxyIdentity, ConnectionKeys>();
  private readonly now: () => number;
  private readonly log: ServiceLogger | undefined;
  private readonly evictTimer: NodeJS.Timeout;

  constructor(options: TelemetryServiceOptions = {}) {
    this.now = options.now ?? Date.now;
    this.log = options.log;
    this.registry = new SeriesRegistry(options.maxSeries ?? DEFAULT_MAX_SERIES);
    this.store = new TimeSeriesStore(this.now, options.maxStoreBytes);
    const next = options.next;
    this.sink = {
      telemetry: (proxy, payload) => {
        this.ingest(proxy, payload);
        next?.telemetry(proxy, payload);
      },
      flows: (proxy, payload) => next?.flows(proxy, payload),
    };
    this.evictTimer = setInterval(() => this.evictIdle(), 60_000);
    this.evictTimer.unref();
  }

  /**
   * Records one proxy's delta (version 1, or 2 with the keys `proxy`'s connection bound: pass the same
   * identity object for every message of a connection); false (counted, logged at debug) when it is
   * refused. Never throws.
   */
  ingest(proxy: ProxyIdentity, payload: unknown): boolean {
    this.counters.messages++;
    try {
      let connection: ConnectionKeys | undefined;
      if (isCompactPayload(payload)) {
        connection = this.connections.get(proxy);
        if (connection === undefined) {
          connection = { reader: connectionReader(), series: new Map() };
          this.connections.set(proxy, connection);
        }
      }
      // Version 1: a proxy sends the same keys in the same order second after second: the series
      // found at the same position last time is checked first (and a key already accepted needs no
      // label check). Version 2 refers to keys by id: the series of each id is kept per connection.
      const previous = connection ? undefined : this.lastSeries.get(proxy.id);
      const hits: (Series | undefined)[] = [];
      const result = validateTelemetry(
        payload,
        (i, key) => {
          const known = previous?.[i];
          if (!known || !sameKey(known.key, key) || !this.registry.holds(known)) return false;
          hits[i] = known;
          return true;
        },
        connection?.reader,
      );
      if (!result.ok) {
        this.counters.rejected++;
        this.log?.debug({ proxy: proxy.id, field: result.field, error: result.message }, 'telemetry refused');
        return false;
      }
      const second = Math.floor(this.now() / 1000);
      const ref = `${proxy.namespace}/${proxy.workload}`;
      if (proxy.kind === 'gateway' && this.gateways.size < MAX_SMALL_SETS) this.gateways.add(ref);
      const current: (Series | null)[] = [];
      const { edges, keyIds } = result.delta;
      for (let i = 0; i < edges.length; i++) {
        const edge = edges[i] as EdgeDelta;
        const id = keyIds?.[i];
        let series: Series | null | undefined = id === undefined ? hits[i] : connection?.series.get(id);
        if (series !== undefined && id !== undefined && !this.registry.holds(series)) series = undefined;
        if (series !== undefined) series.lastSeen = second;
        else {
          series = this.registry.intern(edge.key, second);
          if (id !== undefined && series !== null) connection?.series.set(id, series);
        }
        current.push(series);
        if (edge.requests === 0) continue;
        if (series === null) {
          this.counters.seriesDropped++;
          continue;
        }
        this.counters.edges++;
        this.registry.accumulate(series, edge);
        if (series.graph) this.store.record(series.index, edge);
      }
      if (connection === undefined) {
        if (this.lastSeries.size >= MAX_SMALL_SETS && !this.lastSeries.has(proxy.id)) this.lastSeries.clear();
        this.lastSeries.set(proxy.id, current);
      }
      for (const m of result.delta.mirror) this.addMirror(proxy, m.target, m.outcomes, second);
      return true;
    } catch (error) {
      this.counters.rejected++;
      this.log?.error({ err: error, proxy: proxy.id }, 'telemetry ingestion failed');
      return false;
    }
  }

  /** Per-key traffic over the last `durationSeconds` (valid until the next call: buffers are reused). */
  windowEdges(durationSeconds: number): { edges: WindowEdge[]; window: WindowFrames } {
    const window = this.store.window(durationSeconds);
    const { frames, summary } = this.summarized(window.frames);
    return { edges: aggregateWindow(frames, this.registry, this.scratch, summary), window };
  }

  graph(query: GraphQuery, mesh: MeshContext): GraphResponse {
    const { edges, window } = this.windowEdges(query.durationSeconds);
    return buildGraph({ ...query, edges, windowSeconds: window.seconds, endMs: window.end * 1000, mesh });
  }

  /** The time series of one node (its incoming traffic, or outgoing for a root) or one edge. */
  metrics(query: MetricsQuery, mesh: MeshContext): MetricsResponse {
    // Which keys make up the target: from the graph of the window (fewest frames)…
    const { edges, window } = this.windowEdges(query.durationSeconds);
    const inbound = new Uint8Array(this.registry.capacity);
    const outbound = new Uint8Array(this.registry.capacity);
    let anyInbound = false;
    const { target } = query;
    buildGraph(
      { ...query, namespaces: [], edges, windowSeconds: window.seconds, endMs: window.end * 1000, mesh },
      (edgeId, from, to, e) => {
        if (e.series === undefined) return;
        if ('edge' in target) {
          if (edgeId === target.edge) inbound[e.series] = 1;
        } else if (to === target.node) {
          inbound[e.series] = 1;
          anyInbound = true;
        } else if (from === target.node) {
          outbound[e.series] = 1;
        }
      },
    );
    const useOutbound = 'node' in target && (query.direction === 'outbound' || !anyInbound);
    // …and their series from one-second frames (ten-second ones beyond 15 minutes).
    const steps = this.store.window(query.durationSeconds, 'finest');
    const series = stepSeries(steps.frames, this.registry, useOutbound ? outbound : inbound, {
      start: steps.start,
      end: steps.end,
      step: query.stepSeconds,
      startedSecond: this.store.startedSecond,
    });
    return { target: 'edge' in target ? target.edge : target.node, stepSeconds: query.stepSeconds, series };
  }

  /**
   * The window's frames with its ten-second blocks replaced by their summary (cached: the same blocks
   * serve every second until the next block is added).
   */
  private summarized(frames: readonly Frame[]): { frames: Frame[]; summary: Frame | null } {
    const blocks = frames.filter((f) => f.span === COARSE_SPAN);
    if (blocks.length < 2) return { frames: [...frames], summary: null };
    const first = blocks[0] as Frame;
    const key = `${first.start}:${blocks.length}`;
    let summary = this.summaries.get(key);
    if (summary === undefined) {
      summary = summarizeFrames(blocks, first.start, blocks.length * COARSE_SPAN);
      if (this.summaries.size >= MAX_SUMMARIES)
        this.summaries.delete(this.summaries.keys().next().value as string);
      this.summaries.set(key, summary);
    }
    return { frames: frames.filter((f) => f.span !== COARSE_SPAN), summary };
  }

  mirrorTotals(): Iterable<MirrorTotals> {
    return this.mirror.values();
  }

  /** Forgets series and mirror counters silent for longer than the store keeps data. */
  evictIdle(): number {
    const cutoff = Math.floor(this.now() / 1000) - COARSE_BLOCKS * COARSE_SPAN - 30;
    const evicted = this.registry.evictIdle(cutoff);
    if (evicted > 0) this.lastSeries.clear();
    for (const [k, m] of this.mirror) if (m.lastSeen < cutoff) this.mirror.delete(k);
    this.counters.evicted += evicted;
    return evicted;
  }

  close(): void {
    clearInterval(this.evictTimer);
  }

  private addMirror(
    proxy: ProxyIdentity,
    target: string,
    outcomes: Record<string, number>,
    second: number,
  ): void {
    const k = `${proxy.namespace}\u0001${proxy.workload}\u0001${target}`;
    let totals = this.mirror.get(k);
    if (totals === undefined) {
      if (this.mirror.size >= MAX_SMALL_SETS) return;
      totals = {
        sourceWorkload: proxy.workload,
        sourceNamespace: proxy.namespace,
        target,
        outcomes: emptyOutcomeCounts(),
        lastSeen: second,
      };
      this.mirror.set(k, totals);
    }
    totals.lastSeen = second;
    for (const outcome of MIRROR_OUTCOMES) totals.outcomes[outcome] += outcomes[outcome] ?? 0;
  }
}
