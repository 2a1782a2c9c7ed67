// One sealed time bucket of the store (one second, or ten seconds after rollup): what every active
// series did in it, in columns. Series absent from a frame had no requests in it; idle series cost nothing.

export interface Frame {
  /** First second (Unix seconds) the frame covers. */
  readonly start: number;
  /** Seconds it covers: 1 or 10. */
  readonly span: number;
  /** Series indexes, ascending. */
  readonly series: Uint32Array;
  /** Sealed frames use 32-bit columns (20 bytes an entry); summaries use 64-bit ones. */
  readonly requests: Uint32Array | Float64Array;
  readonly requestBytes: Float32Array | Float64Array;
  readonly responseBytes: Float32Array | Float64Array;
  /** Entry i's latency buckets are `hist[histStart[i] … histStart[i+1])` (packed, see packed-histogram.ts). */
  readonly histStart: Uint32Array;
  readonly hist: Uint32Array;
}

/** Bytes one sealed frame entry takes (5 columns of 4 bytes), plus 4 per latency bucket. */
export const FRAME_ENTRY_BYTES = 4 * 5;

export function frameBytes(frame: Frame): number {
  const columns =
    frame.series.byteLength +
    frame.requests.byteLength +
    frame.requestBytes.byteLength +
    frame.responseBytes.byteLength +
    frame.histStart.byteLength;
  return columns + frame.hist.byteLength;
}

/** Index of `series` in the frame, or -1 (binary search: series are sorted). */
export function findEntry(frame: Frame, series: number): number {
  let lo = 0;
  let hi = frame.series.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = frame.series[mid] as number;
    if (s === series) return mid;
    if (s < series) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
