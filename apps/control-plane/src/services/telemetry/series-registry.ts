// Every edge key the control plane has heard of, numbered (frames refer to series by number), with its
// cumulative Prometheus counters. Bounded: at most `maxSeries` keys; a key silent for longer than the
// store's horizon (so no frame refers to it any more) is evicted and its number reused.
import type { EdgeDelta, EdgeKey } from '@shadowmesh/telemetry';
import {
  EDGE_KEY_FIELDS,
  edgeKeyId,
  ISTIO_DURATION_BUCKETS_MS,
  ISTIO_SIZE_BUCKETS_BYTES,
} from '@shadowmesh/telemetry';

/** Counters since the series appeared, as Prometheus exposes them (per-bucket, not cumulative, counts). */
export interface CumulativeCounters {
  requests: number;
  durationBuckets: Float64Array;
  durationSum: number;
  requestBytesBuckets: Float64Array;
  requestBytesSum: number;
  responseBytesBuckets: Float64Array;
  responseBytesSum: number;
}

export interface Series {
  readonly index: number;
  readonly id: string;
  readonly key: EdgeKey;
  /** True when the graph counts this key (see `countsForGraph`). */
  readonly graph: boolean;
  /** Last second a delta arrived (Unix seconds). */
  lastSeen: number;
  readonly totals: CumulativeCounters;
  /** Prometheus label text, built on first exposition. */
  labels: string | null;
}

/**
 * Both proxies of a request report it. The graph counts the source proxy's report (every mesh proxy —
 * sidecar or gateway — reports what it sends, primary and mirror), and the destination's report only
 * when no mesh proxy sent the request (source workload `unknown`: traffic entering from outside).
 */
export function countsForGraph(key: EdgeKey): boolean {
  return key.reporter === 'source' || key.sourceWorkload === 'unknown';
}

export class SeriesRegistry {
  private readonly byId = new Map<string, Series>();
  private readonly byIndex: (Series | undefined)[] = [];
  private readonly free: number[] = [];

  constructor(readonly maxSeries: number) {}

  get size(): number {
    return this.byId.size;
  }

  /** One more than the highest series number in use (sizes per-series scratch arrays). */
  get capacity(): number {
    return this.byIndex.length;
  }

  get(index: number): Series | undefined {
    return this.byIndex[index];
  }

  /** True while `series` is registered (not evicted). */
  holds(series: Series): boolean {
    return this.byIndex[series.index] === series;
  }

  /** The series of `key` (created on first sight), or null when the registry is full. */
  intern(key: EdgeKey, nowSecond: number): Series | null {
    const id = edgeKeyId(key);
    let series = this.byId.get(id);
    if (series === undefined) {
      if (this.byId.size >= this.maxSeries) return null;
      const index = this.free.pop() ?? this.byIndex.length;
      series = {
        index,
        id,
        key: copyKey(key),
        graph: countsForGraph(key),
        lastSeen: nowSecond,
        totals: emptyTotals(),
        labels: null,
      };
      this.byId.set(id, series);
      this.byIndex[index] = series;
    }
    series.lastSeen = nowSecond;
    return series;
  }

  /** Adds a delta to the series' cumulative counters. */
  accumulate(series: Series, delta: EdgeDelta): void {
    const t = series.totals;
    t.requests += delta.requests;
    addCounts(t.durationBuckets, delta.durationBuckets.counts);
    t.durationSum += delta.durationBuckets.sum;
    addCounts(t.requestBytesBuckets, delta.requestBytes.counts);
    t.requestBytesSum += delta.requestBytes.sum;
    addCounts(t.responseBytesBuckets, delta.responseBytes.counts);
    t.responseBytesSum += delta.responseBytes.sum;
  }

  /** Removes series silent since before `cutoffSecond`; returns how many. */
  evictIdle(cutoffSecond: number): number {
    let evicted = 0;
    for (const [id, series] of this.byId) {
      if (series.lastSeen >= cutoffSecond) continue;
      this.byId.delete(id);
      this.byIndex[series.index] = undefined;
      this.free.push(series.index);
      evicted++;
    }
    return evicted;
  }

  values(): IterableIterator<Series> {
    return this.byId.values();
  }
}

/** The key's own fields only (a payload checked in place may carry others). */
function copyKey(key: EdgeKey): EdgeKey {
  const out = {} as Record<string, unknown>;
  for (const field of EDGE_KEY_FIELDS) out[field] = key[field];
  return out as unknown as EdgeKey;
}

/** True when two keys are the same edge key (field by field). */
export function sameKey(a: EdgeKey, b: EdgeKey): boolean {
  for (const field of EDGE_KEY_FIELDS) if (a[field] !== b[field]) return false;
  return true;
}

function emptyTotals(): CumulativeCounters {
  return {
    requests: 0,
    durationBuckets: new Float64Array(ISTIO_DURATION_BUCKETS_MS.length + 1),
    durationSum: 0,
    requestBytesBuckets: new Float64Array(ISTIO_SIZE_BUCKETS_BYTES.length + 1),
    requestBytesSum: 0,
    responseBytesBuckets: new Float64Array(ISTIO_SIZE_BUCKETS_BYTES.length + 1),
    responseBytesSum: 0,
  };
}

function addCounts(into: Float64Array, counts: readonly number[]): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + (counts[i] ?? 0);
}
