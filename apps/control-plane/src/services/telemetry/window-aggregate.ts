// Sums frames into per-series totals over a window (the graph builder's input), and buckets them by
// step for one selection of series (the metrics time series). Latency buckets are not copied: each
// series remembers where its entries are in the window's frames, and adds them to a merger on demand.
import type { MetricsPoint } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import type { Frame } from './frame.js';
import type { LatencySource, WindowEdge } from './graph/graph-types.js';
import { isErrorResponse } from './graph/health.js';
import { HistogramMerger } from './packed-histogram.js';
import type { SeriesRegistry } from './series-registry.js';

/** One series over the window; its latency buckets are a run of the window's pool (and one of the summary). */
class WindowSeries implements WindowEdge, LatencySource {
  requests = 0;
  requestBytes = 0;
  responseBytes = 0;
  readonly latency: LatencySource = this;
  pool: Uint32Array = EMPTY;
  from = 0;
  to = 0;
  summary: Uint32Array = EMPTY;
  summaryFrom = 0;
  summaryTo = 0;

  constructor(
    readonly key: EdgeKey,
    readonly series: number,
  ) {}

  addTo(merger: HistogramMerger): void {
    if (this.summaryTo > this.summaryFrom) merger.add(this.summary, this.summaryFrom, this.summaryTo);
    merger.add(this.pool, this.from, this.to);
  }
}

const EMPTY = new Uint32Array(0);

/**
 * Buffers reused from one window to the next (a graph of a large mesh would otherwise allocate tens of
 * megabytes each second). The edges of a window read the pool: they are valid until the next window.
 */
export class WindowScratch {
  private slotArray = new Int32Array(0);
  private poolArray = new Uint32Array(0);

  slots(size: number): Int32Array {
    if (this.slotArray.length < size) this.slotArray = new Int32Array(Math.ceil(size * 1.25));
    this.slotArray.fill(-1, 0, size);
    return this.slotArray;
  }

  pool(size: number): Uint32Array {
    if (this.poolArray.length < size) this.poolArray = new Uint32Array(Math.ceil(size * 1.25));
    return this.poolArray;
  }
}

/**
 * Per-series traffic over `frames` and `summary` (a frame summarizing others: its runs are used where
 * they are), for series the graph counts. The rest of each series' latency buckets are copied next to
 * each other (one pool per window), so merging a series is at most two tight loops.
 */
export function aggregateWindow(
  frames: readonly Frame[],
  registry: SeriesRegistry,
  scratch: WindowScratch = new WindowScratch(),
  summary: Frame | null = null,
): WindowEdge[] {
  const slotOf = scratch.slots(registry.capacity);
  const out: WindowSeries[] = [];
  let lengths: number[] = [];
  for (const frame of summary ? [summary, ...frames] : frames) {
    const count = frame.series.length;
    for (let i = 0; i < count; i++) {
      const s = frame.series[i] as number;
      let slot = slotOf[s] as number;
      if (slot === -2) continue;
      if (slot === -1) {
        const series = registry.get(s);
        if (series === undefined || !series.graph) {
          slotOf[s] = -2;
          continue;
        }
        slot = out.length;
        slotOf[s] = slot;
        out.push(new WindowSeries(series.key, s));
        lengths.push(0);
      }
      const e = out[slot] as WindowSeries;
      e.requests += frame.requests[i] as number;
      e.requestBytes += frame.requestBytes[i] as number;
      e.responseBytes += frame.responseBytes[i] as number;
      if (frame === summary) {
        e.summary = frame.hist;
        e.summaryFrom = frame.histStart[i] as number;
        e.summaryTo = frame.histStart[i + 1] as number;
      } else {
        lengths[slot] =
          (lengths[slot] as number) + (frame.histStart[i + 1] as number) - (frame.histStart[i] as number);
      }
    }
  }
  const cursor = new Int32Array(out.length + 1);
  for (let slot = 0; slot < out.length; slot++)
    cursor[slot + 1] = (cursor[slot] as number) + (lengths[slot] as number);
  lengths = [];
  const pool = scratch.pool(cursor[out.length] as number);
  for (let slot = 0; slot < out.length; slot++) {
    const e = out[slot] as WindowSeries;
    e.pool = pool;
    e.from = cursor[slot] as number;
    e.to = cursor[slot + 1] as number;
  }
  for (const frame of frames) {
    const count = frame.series.length;
    const hist = frame.hist;
    for (let i = 0; i < count; i++) {
      const slot = slotOf[frame.series[i] as number] as number;
      if (slot < 0) continue;
      let at = cursor[slot] as number;
      const end = frame.histStart[i + 1] as number;
      for (let h = frame.histStart[i] as number; h < end; h++) pool[at++] = hist[h] as number;
      cursor[slot] = at;
    }
  }
  return out;
}

/**
 * A time series of the selected series: one point per `step` seconds from `start` to `end` (points
 * without traffic have rps 0 and null latencies). `selected[s]` is 1 for the series to sum.
 */
export function stepSeries(
  frames: readonly Frame[],
  registry: SeriesRegistry,
  selected: Uint8Array,
  range: { start: number; end: number; step: number; startedSecond: number },
): MetricsPoint[] {
  const { start, end, step } = range;
  const points = Math.max(1, Math.ceil((end - start) / step));
  const requests = new Float64Array(points);
  const errors = new Float64Array(points);
  const quantiles: (number | null)[][] = [];
  // Frames come oldest first, so points fill in order: one merger, finished at each point change.
  const merger = new HistogramMerger();
  let current = -1;
  const finish = () => {
    if (current >= 0) quantiles[current] = merger.quantiles([0.5, 0.95, 0.99]);
    merger.reset();
  };
  for (const frame of frames) {
    const p = Math.floor((frame.start - start) / step);
    if (p < 0 || p >= points) continue;
    if (p !== current) {
      finish();
      current = p;
    }
    for (let i = 0; i < frame.series.length; i++) {
      const s = frame.series[i] as number;
      if (selected[s] !== 1) continue;
      const key = registry.get(s)?.key;
      if (key === undefined) continue;
      const r = frame.requests[i] as number;
      requests[p] = (requests[p] as number) + r;
      if (isErrorResponse(key.responseCode, key.responseFlags)) errors[p] = (errors[p] as number) + r;
      merger.add(frame.hist, frame.histStart[i] as number, frame.histStart[i + 1] as number);
    }
  }
  finish();
  const out: MetricsPoint[] = [];
  for (let p = 0; p < points; p++) {
    const t = start + p * step;
    // The first points may predate the control plane: rates divide by the seconds it was running.
    const seconds = Math.max(1, Math.min(end, t + step) - Math.max(t, range.startedSecond));
    const [p50, p95, p99] = quantiles[p] ?? [null, null, null];
    const r = requests[p] as number;
    out.push({
      t: t * 1000,
      rps: Math.round((r / seconds) * 1000) / 1000,
      errorRatio: r > 0 ? Math.round(((errors[p] as number) / r) * 1e6) / 1e6 : 0,
      p50Ms: rounded(p50),
      p95Ms: rounded(p95),
      p99Ms: rounded(p99),
    });
  }
  return out;
}

function rounded(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 1000) / 1000;
}
