// Several consecutive frames summed into one: per series, requests and bytes added up and latency
// buckets merged into one sorted run (a series busy for a minute has far fewer distinct buckets than
// entries in its frames). Windows reuse the summary of their ten-second blocks, which only changes when
// a block is added, so graphs recomputed every second merge about half as many buckets.
import type { Frame } from './frame.js';
import { HistogramMerger, MAX_PACKED_COUNT, packEntry } from './packed-histogram.js';

/** Frames summarized at once; longer runs are summarized in pieces, then the pieces (bounded memory). */
const PIECE = 32;

/** Sums `frames` (any order) into one frame covering `span` seconds from `start`. */
export function summarizeFrames(frames: readonly Frame[], start: number, span: number): Frame {
  if (frames.length <= PIECE) return summarizePiece(frames, start, span);
  const pieces: Frame[] = [];
  for (let at = 0; at < frames.length; at += PIECE) {
    pieces.push(summarizePiece(frames.slice(at, at + PIECE), start, span));
  }
  return summarizeFrames(pieces, start, span);
}

function summarizePiece(frames: readonly Frame[], start: number, span: number): Frame {
  // Where each series' entries are: its run of a pool gathered from every frame.
  const slotOf = new Map<number, number>();
  const seriesOf: number[] = [];
  const lengths: number[] = [];
  const requests: number[] = [];
  const requestBytes: number[] = [];
  const responseBytes: number[] = [];
  for (const frame of frames) {
    for (let i = 0; i < frame.series.length; i++) {
      const s = frame.series[i] as number;
      let slot = slotOf.get(s);
      if (slot === undefined) {
        slot = seriesOf.length;
        slotOf.set(s, slot);
        seriesOf.push(s);
        lengths.push(0);
        requests.push(0);
        requestBytes.push(0);
        responseBytes.push(0);
      }
      requests[slot] = (requests[slot] as number) + (frame.requests[i] as number);
      requestBytes[slot] = (requestBytes[slot] as number) + (frame.requestBytes[i] as number);
      responseBytes[slot] = (responseBytes[slot] as number) + (frame.responseBytes[i] as number);
      lengths[slot] =
        (lengths[slot] as number) + (frame.histStart[i + 1] as number) - (frame.histStart[i] as number);
    }
  }
  const n = seriesOf.length;
  const cursor = new Int32Array(n + 1);
  for (let slot = 0; slot < n; slot++)
    cursor[slot + 1] = (cursor[slot] as number) + (lengths[slot] as number);
  const pool = new Uint32Array(cursor[n] as number);
  const fill = cursor.slice(0, n);
  for (const frame of frames) {
    for (let i = 0; i < frame.series.length; i++) {
      const slot = slotOf.get(frame.series[i] as number) as number;
      let at = fill[slot] as number;
      const end = frame.histStart[i + 1] as number;
      for (let h = frame.histStart[i] as number; h < end; h++) pool[at++] = frame.hist[h] as number;
      fill[slot] = at;
    }
  }

  // Series in ascending order (frames are searched by binary search), each run merged.
  const order = Array.from({ length: n }, (_, slot) => slot).sort(
    (a, b) => (seriesOf[a] as number) - (seriesOf[b] as number),
  );
  const merger = new HistogramMerger(true);
  const out = {
    start,
    span,
    series: new Uint32Array(n),
    requests: new Float64Array(n),
    requestBytes: new Float64Array(n),
    responseBytes: new Float64Array(n),
    histStart: new Uint32Array(n + 1),
  };
  const hist: number[] = [];
  order.forEach((slot, i) => {
    out.series[i] = seriesOf[slot] as number;
    out.requests[i] = requests[slot] as number;
    out.requestBytes[i] = requestBytes[slot] as number;
    out.responseBytes[i] = responseBytes[slot] as number;
    out.histStart[i] = hist.length;
    merger.add(pool, cursor[slot] as number, cursor[slot + 1] as number);
    merger.forEachBucket((index, count) => {
      // A count too large for one entry takes several (as packPairs does).
      for (let left = count; left > 0; left -= MAX_PACKED_COUNT) {
        hist.push(packEntry(index, Math.min(left, MAX_PACKED_COUNT)));
      }
    });
    merger.reset();
  });
  out.histStart[n] = hist.length;
  return { ...out, hist: Uint32Array.from(hist) };
}
