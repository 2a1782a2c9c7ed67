// Accumulates one time bucket (the open second, or ten sealed seconds being rolled up) and seals it
// into a columnar Frame. Per-series scratch is indexed by series number and reused between frames.
import type { SerializedHistogram } from '@shadowmesh/telemetry';
import type { Frame } from './frame.js';
import {
  appendPairs,
  entryCount,
  entryIndex,
  MAX_PACKED_COUNT,
  packEntry,
  packPairs,
} from './packed-histogram.js';

const NO_PAIRS: readonly number[] = [];

function hasHugeCount(pairs: readonly number[]): boolean {
  for (let p = 1; p < pairs.length; p += 2) if ((pairs[p] as number) > MAX_PACKED_COUNT) return true;
  return false;
}

export class FrameBuilder {
  private requests = new Float64Array(64);
  private requestBytes = new Float64Array(64);
  private responseBytes = new Float64Array(64);
  /** Adds per series in this bucket (0 = untouched); more than one ⇒ histogram pairs need combining. */
  private adds = new Uint32Array(64);
  private pairs: (number[] | undefined)[] = [];
  private touched: number[] = [];

  get size(): number {
    return this.touched.length;
  }

  /** Adds one proxy's delta for `series` (its latency histogram as sent on the wire). */
  add(
    series: number,
    requests: number,
    requestBytes: number,
    responseBytes: number,
    histogram: SerializedHistogram,
  ): void {
    const pairs = this.touch(series, requests, requestBytes, responseBytes);
    appendPairs(pairs, histogram);
  }

  /** Adds entry `i` of a sealed frame (rollup of seconds into a ten-second frame). */
  addEntry(frame: Frame, i: number): void {
    const series = frame.series[i] as number;
    const pairs = this.touch(
      series,
      frame.requests[i] as number,
      frame.requestBytes[i] as number,
      frame.responseBytes[i] as number,
    );
    const end = frame.histStart[i + 1] as number;
    for (let h = frame.histStart[i] as number; h < end; h++) {
      const packed = frame.hist[h] as number;
      pairs.push(entryIndex(packed), entryCount(packed));
    }
  }

  /** Seals what was added into a frame starting at `start` (null when nothing was), and resets. */
  build(start: number, span: number): Frame | null {
    const n = this.touched.length;
    if (n === 0) return null;
    const order = this.touched.sort((a, b) => a - b);
    const series = new Uint32Array(n);
    const requests = new Uint32Array(n);
    const requestBytes = new Float32Array(n);
    const responseBytes = new Float32Array(n);
    const histStart = new Uint32Array(n + 1);
    // One delta's pairs are already sorted and distinct: packed as they are. Several deltas of a series
    // in one bucket (or a huge count) are combined first.
    const combined: (number[] | null)[] = new Array<number[] | null>(n).fill(null);
    let histLength = 0;
    for (let i = 0; i < n; i++) {
      const s = order[i] as number;
      series[i] = s;
      requests[i] = this.requests[s] as number;
      requestBytes[i] = this.requestBytes[s] as number;
      responseBytes[i] = this.responseBytes[s] as number;
      const pairs = this.pairs[s] ?? NO_PAIRS;
      histStart[i] = histLength;
      if ((this.adds[s] as number) > 1 || hasHugeCount(pairs)) {
        const entries = packPairs(pairs, true);
        combined[i] = entries;
        histLength += entries.length;
      } else {
        histLength += pairs.length / 2;
      }
    }
    histStart[n] = histLength;
    const hist = new Uint32Array(histLength);
    for (let i = 0; i < n; i++) {
      const s = order[i] as number;
      let at = histStart[i] as number;
      const entries = combined[i];
      if (entries) {
        hist.set(entries, at);
      } else {
        const pairs = this.pairs[s] ?? NO_PAIRS;
        for (let p = 0; p < pairs.length; p += 2)
          hist[at++] = packEntry(pairs[p] as number, pairs[p + 1] as number);
      }
      this.requests[s] = 0;
      this.requestBytes[s] = 0;
      this.responseBytes[s] = 0;
      this.adds[s] = 0;
      this.pairs[s] = undefined;
    }
    this.touched = [];
    return { start, span, series, requests, requestBytes, responseBytes, histStart, hist };
  }

  private touch(series: number, requests: number, requestBytes: number, responseBytes: number): number[] {
    if (series >= this.adds.length) this.grow(series + 1);
    if (this.adds[series] === 0) this.touched.push(series);
    this.adds[series] = (this.adds[series] as number) + 1;
    this.requests[series] = (this.requests[series] as number) + requests;
    this.requestBytes[series] = (this.requestBytes[series] as number) + requestBytes;
    this.responseBytes[series] = (this.responseBytes[series] as number) + responseBytes;
    let pairs = this.pairs[series];
    if (pairs === undefined) {
      pairs = [];
      this.pairs[series] = pairs;
    }
    return pairs;
  }

  private grow(min: number): void {
    let size = this.adds.length;
    while (size < min) size *= 2;
    const grow = <T extends Float64Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.requests = grow(this.requests, (n) => new Float64Array(n));
    this.requestBytes = grow(this.requestBytes, (n) => new Float64Array(n));
    this.responseBytes = grow(this.responseBytes, (n) => new Float64Array(n));
    this.adds = grow(this.adds, (n) => new Uint32Array(n));
  }
}
