import { describe, expect, it } from 'vitest';
import { edgeDelta, edgeKey } from '../../testing/mesh/telemetry-deltas.js';
import { seededRandom } from '../../testing/seeded-random.js';
import type { Frame } from './frame.js';
import { findEntry } from './frame.js';
import { FrameBuilder } from './frame-builder.js';
import { summarizeFrames } from './frame-summary.js';
import { entryIndex, HistogramMerger } from './packed-histogram.js';

function frames(count: number): Frame[] {
  const random = seededRandom(11);
  const out: Frame[] = [];
  for (let f = 0; f < count; f++) {
    const builder = new FrameBuilder();
    for (let series = 0; series < 30; series++) {
      if (random() < 0.3) continue; // idle this frame
      const latencies = Array.from({ length: 1 + Math.floor(random() * 20) }, () => 1 + 100 * random());
      const delta = edgeDelta(edgeKey(), latencies, { request: 10, response: 100 });
      builder.add(series, delta.requests, delta.requestBytes.sum, delta.responseBytes.sum, delta.durationMs);
    }
    out.push(builder.build(f * 10, 10) as Frame);
  }
  return out;
}

describe('summarizeFrames', () => {
  it.each([6, 100])(
    'sums every series of %i frames into one sorted run per series, losing nothing',
    (count) => {
      const input = frames(count);
      const summary = summarizeFrames(input, 0, 60);
      expect([...summary.series]).toEqual([...summary.series].sort((a, b) => a - b));
      for (let i = 0; i < summary.series.length; i++) {
        const s = summary.series[i] as number;
        const direct = new HistogramMerger(true);
        let requests = 0;
        for (const frame of input) {
          const at = findEntry(frame, s);
          if (at < 0) continue;
          requests += frame.requests[at] as number;
          direct.add(frame.hist, frame.histStart[at] as number, frame.histStart[at + 1] as number);
        }
        const merged = new HistogramMerger(true);
        merged.add(summary.hist, summary.histStart[i] as number, summary.histStart[i + 1] as number);
        expect(summary.requests[i]).toBe(requests);
        expect(merged.count).toBe(direct.count);
        expect(merged.quantiles([0.1, 0.5, 0.9, 0.99])).toEqual(direct.quantiles([0.1, 0.5, 0.9, 0.99]));
        const run = Array.from(
          summary.hist.subarray(summary.histStart[i], summary.histStart[i + 1]),
          entryIndex,
        );
        expect(new Set(run).size).toBe(run.length); // one entry per bucket
      }
    },
  );
});
