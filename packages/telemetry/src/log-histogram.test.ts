import { describe, expect, it } from 'vitest';
import { HISTOGRAM_RELATIVE_ACCURACY, LogHistogram } from './log-histogram.js';
import { mulberry32 } from './testing/fixtures.js';

const QUANTILES = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

function expectWithinBound(h: LogHistogram, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  for (const q of QUANTILES) {
    const truth = sorted[Math.floor(q * (sorted.length - 1))] as number;
    const estimate = h.quantile(q) as number;
    expect(Math.abs(estimate - truth) / truth, `q=${q}`).toBeLessThanOrEqual(
      HISTOGRAM_RELATIVE_ACCURACY + 1e-12,
    );
  }
}

describe('LogHistogram', () => {
  it('answers every quantile within 1% of the true sample (log-normal latencies, seeded)', () => {
    const random = mulberry32(42);
    const values: number[] = [];
    const h = new LogHistogram();
    for (let i = 0; i < 20_000; i++) {
      // Box-Muller: log-normal around 20 ms with a long tail.
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      const v = Math.exp(Math.log(20) + 1.2 * z);
      values.push(v);
      h.record(v);
    }
    expectWithinBound(h, values);
    expect(h.count).toBe(values.length);
    expect(h.min).toBe(Math.min(...values));
    expect(h.max).toBe(Math.max(...values));
  });

  it('holds the bound over a wide uniform-in-log range (0.01 ms … 100 s)', () => {
    const random = mulberry32(7);
    const values: number[] = [];
    const h = new LogHistogram();
    for (let i = 0; i < 10_000; i++) {
      const v = 10 ** (-2 + 7 * random());
      values.push(v);
      h.record(v);
    }
    expectWithinBound(h, values);
  });

  it('merges: two halves merged answer like one histogram of everything', () => {
    const random = mulberry32(3);
    const a = new LogHistogram();
    const b = new LogHistogram();
    const all = new LogHistogram();
    const values: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const v = 1 + 500 * random() ** 3;
      values.push(v);
      (i % 2 === 0 ? a : b).record(v);
      all.record(v);
    }
    a.merge(b);
    const { sum, ...merged } = a.toJSON();
    const { sum: allSum, ...whole } = all.toJSON();
    expect(merged).toEqual(whole);
    expect(sum).toBeCloseTo(allSum, 6);
    expectWithinBound(a, values);
  });

  it('survives a JSON round trip and merges from its serialized form', () => {
    const h = new LogHistogram();
    for (const v of [0, 0.0001, 0.5, 3, 3, 1000]) h.record(v);
    const copy = LogHistogram.fromJSON(JSON.parse(JSON.stringify(h.toJSON())));
    expect(copy.toJSON()).toEqual(h.toJSON());
    expect(copy.quantile(0)).toBe(0);
    expect(copy.quantile(1)).toBe(1000);
  });

  it('is empty-safe and ignores values that are not finite and non-negative', () => {
    const h = new LogHistogram();
    expect(h.quantile(0.5)).toBeNull();
    expect(h.mean()).toBeNull();
    h.record(Number.NaN);
    h.record(-1);
    h.record(Number.POSITIVE_INFINITY);
    expect(h.count).toBe(0);
    expect(h.toJSON()).toMatchObject({ count: 0, counts: [] });
  });

  it('refuses to merge a histogram built with another accuracy', () => {
    const h = new LogHistogram();
    expect(() =>
      h.merge({ accuracy: 0.02, count: 1, sum: 1, min: 1, max: 1, offset: 0, counts: [1] }),
    ).toThrow(/accuracy/);
  });
});
