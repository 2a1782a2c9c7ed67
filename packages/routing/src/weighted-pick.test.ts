import { describe, expect, it } from 'vitest';
import { binomialBand, fixedRandom, mulberry32 } from './testing/mulberry32.js';
import { buildWeightedPicker } from './weighted-pick.js';

function counts(weights: (number | undefined)[], n: number, seed: number): number[] {
  const picker = buildWeightedPicker(weights.map((w, i) => ({ item: i, weight: w })));
  const random = mulberry32(seed);
  const out = weights.map(() => 0);
  for (let i = 0; i < n; i++) {
    const k = picker.pick(random)!;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('weighted destinations (Istio HTTPRouteDestination.weight)', () => {
  it('70/30/0: each within a 4σ binomial band, the weight-0 destination gets none (Gateway API HTTPRouteWeight)', () => {
    const n = 20_000;
    const [a, b, c] = counts([70, 30, 0], n, 7);
    const [lo1, hi1] = binomialBand(n, 0.7);
    const [lo2, hi2] = binomialBand(n, 0.3);
    expect(a).toBeGreaterThanOrEqual(lo1);
    expect(a).toBeLessThanOrEqual(hi1);
    expect(b).toBeGreaterThanOrEqual(lo2);
    expect(b).toBeLessThanOrEqual(hi2);
    expect(c).toBe(0);
  });

  it('weights need not sum to 100 (Istio ≥1.15, PR #39544): 1 and 3 give 25 %/75 %', () => {
    const n = 20_000;
    const [a] = counts([1, 3], n, 11);
    const [lo, hi] = binomialBand(n, 0.25);
    expect(a).toBeGreaterThanOrEqual(lo);
    expect(a).toBeLessThanOrEqual(hi);
  });

  it.each([
    ['weight 0', 0],
    ['weight 10 (Kiali KIA1104: assumed 100)', 10],
    ['weight absent', undefined],
  ])('a single destination gets all traffic whatever its weight: %s', (_n, w) => {
    expect(counts([w], 1000, 3)).toEqual([1000]);
  });

  it('absent weights with several destinations are weight 0 (proto default)', () => {
    expect(counts([undefined, 5], 500, 5)).toEqual([0, 500]);
  });

  it('all-zero weights (rejected by Istio validation) share equally instead of losing the route', () => {
    const [a, b] = counts([0, 0], 1000, 9);
    expect((a ?? 0) + (b ?? 0)).toBe(1000);
    expect(a).toBeGreaterThan(0);
  });

  it('a faulty random source returning 1 still picks the last entry, never null', () => {
    const picker = buildWeightedPicker([
      { item: 'a', weight: 1 },
      { item: 'b', weight: 1 },
    ]);
    expect(picker.pick(fixedRandom(1))).toBe('b');
  });
});
