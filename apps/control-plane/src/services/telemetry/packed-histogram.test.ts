import { LogHistogram } from '@shadowmesh/telemetry';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../testing/seeded-random.js';
import {
  appendPairs,
  entryCount,
  entryIndex,
  HistogramMerger,
  MAX_PACKED_COUNT,
  packEntry,
  packPairs,
} from './packed-histogram.js';

const QS = [0.5, 0.95, 0.99];

function exact(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))] as number;
}

/** Packs a LogHistogram's buckets the way the store does. */
function packed(h: LogHistogram): number[] {
  const pairs: number[] = [];
  appendPairs(pairs, h.toJSON());
  return packPairs(pairs, false);
}

describe('packed histogram entries', () => {
  it.each([
    [-345, 1],
    [0, 7],
    [812, MAX_PACKED_COUNT],
    [2047, 3],
  ])('index %i count %i survive packing', (index, count) => {
    const p = packEntry(index, count);
    expect(entryIndex(p)).toBe(index);
    expect(entryCount(p)).toBe(count);
  });

  it('splits counts above the 20-bit maximum and combines repeated indexes', () => {
    const entries = packPairs([5, MAX_PACKED_COUNT + 10, 3, 1, 5, 2], true);
    expect(entries.map((p) => [entryIndex(p), entryCount(p)])).toEqual([
      [3, 1],
      [5, MAX_PACKED_COUNT],
      [5, 12],
    ]);
  });
});

describe('HistogramMerger quantiles', () => {
  const distributions: [string, (r: () => number) => number][] = [
    ['uniform 1–100 ms', (r) => 1 + 99 * r()],
    ['exponential, mean 20 ms', (r) => -20 * Math.log(1 - r())],
    [
      'log-normal, wide',
      (r) => Math.exp(2 + 1.5 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())),
    ],
    ['bimodal 2 ms / 900 ms', (r) => (r() < 0.9 ? 2 + r() : 900 + 100 * r())],
  ];

  it.each(distributions)('%s: merged one-second parts answer within 1 %% of exact', (_name, draw) => {
    const random = seededRandom(42);
    const all: number[] = [];
    const merger = new HistogramMerger();
    for (let second = 0; second < 60; second++) {
      const h = new LogHistogram();
      for (let i = 0; i < 200; i++) {
        const v = draw(random);
        h.record(v);
        all.push(v);
      }
      merger.add(packed(h));
    }
    all.sort((a, b) => a - b);
    const answers = merger.quantiles(QS);
    QS.forEach((q, i) => {
      const truth = exact(all, q);
      expect(Math.abs((answers[i] as number) - truth) / truth).toBeLessThanOrEqual(0.01);
    });
    expect(merger.count).toBe(all.length);
  });

  it('answers null when empty and is reusable after reset', () => {
    const merger = new HistogramMerger();
    expect(merger.quantiles(QS)).toEqual([null, null, null]);
    const h = new LogHistogram();
    h.record(10);
    merger.add(packed(h));
    expect(merger.quantiles([0.5])[0]).toBeCloseTo(10, 0);
    merger.reset();
    expect(merger.count).toBe(0);
    expect(merger.quantiles([0.5])).toEqual([null]);
  });
});
