import { describe, expect, it } from 'vitest';
import { apportion, evenWeights, redistributeWeights, sumWeights, weightBudget } from './weights';

describe('apportion', () => {
  it.each([
    { total: 100, shares: [1, 1, 1], want: [34, 33, 33] },
    { total: 40, shares: [30, 30], want: [20, 20] },
    { total: 10, shares: [0, 0], want: [5, 5] },
    { total: 7, shares: [3, 1], want: [5, 2] },
    { total: 0, shares: [5, 5], want: [0, 0] },
    { total: 5, shares: [], want: [] },
  ])('splits $total over $shares', ({ total, shares, want }) => {
    expect(apportion(total, shares)).toEqual(want);
  });

  it('always sums to the total', () => {
    for (let total = 0; total <= 100; total += 7) {
      for (const shares of [[1], [1, 2], [5, 0, 3], [33, 33, 34], [0, 0, 0, 1]]) {
        expect(sumWeights(apportion(total, shares))).toBe(total);
      }
    }
  });
});

describe('redistributeWeights', () => {
  it('moves the other row of two (v1 to 90 ⇒ v2 10)', () => {
    expect(redistributeWeights([50, 50], [false, false], 0, 90)).toEqual([90, 10]);
  });

  it('splits the rest in proportion over unlocked rows', () => {
    expect(redistributeWeights([40, 30, 30], [false, false, false], 0, 60)).toEqual([60, 20, 20]);
    expect(redistributeWeights([40, 45, 15], [false, false, false], 0, 10)).toEqual([10, 68, 22]);
  });

  it('spreads evenly when the others are all 0', () => {
    expect(redistributeWeights([100, 0, 0], [false, false, false], 0, 50)).toEqual([50, 25, 25]);
  });

  it('never changes locked rows and clamps to what they leave', () => {
    expect(redistributeWeights([20, 30, 50], [false, true, false], 0, 90)).toEqual([70, 30, 0]);
    expect(redistributeWeights([20, 30, 50], [false, true, false], 2, 10)).toEqual([60, 30, 10]);
  });

  it('pins the only unlocked row at what the locked rows leave', () => {
    expect(redistributeWeights([20, 30, 50], [true, true, false], 2, 10)).toEqual([20, 30, 50]);
  });

  it('normalises a route whose weights did not sum to 100', () => {
    expect(redistributeWeights([1, 1], [false, false], 0, 75)).toEqual([75, 25]);
    expect(redistributeWeights([0, 0, 0], [false, false, false], 1, 40)).toEqual([30, 40, 30]);
  });

  it('clamps out-of-range and non-integer values', () => {
    expect(redistributeWeights([50, 50], [false, false], 0, 140)).toEqual([100, 0]);
    expect(redistributeWeights([50, 50], [false, false], 0, -3)).toEqual([0, 100]);
    expect(redistributeWeights([50, 50], [false, false], 1, 33.6)).toEqual([66, 34]);
    expect(redistributeWeights([50, 50], [false, false], 1, Number.NaN)).toEqual([100, 0]);
  });

  it('keeps the sum at 100 for every move (exhaustive over three rows)', () => {
    const locks = [
      [false, false, false],
      [false, true, false],
    ];
    for (const locked of locks) {
      for (let value = 0; value <= 100; value += 1) {
        const next = redistributeWeights([33, 33, 34], locked, 0, value);
        expect(sumWeights(next)).toBe(100);
        expect(next[1]).toBe(locked[1] ? 33 : next[1]);
      }
    }
  });

  it('rejects a row that does not exist', () => {
    expect(() => redistributeWeights([100], [false], 3, 10)).toThrow(RangeError);
  });
});

describe('evenWeights', () => {
  it('splits 100 over the unlocked rows', () => {
    expect(evenWeights([90, 10], [false, false])).toEqual([50, 50]);
    expect(evenWeights([90, 5, 5], [false, false, false])).toEqual([34, 33, 33]);
    expect(evenWeights([40, 10, 50], [true, false, false])).toEqual([40, 30, 30]);
  });
});

describe('weightBudget', () => {
  it('is 100 minus the locked others', () => {
    expect(weightBudget([40, 10, 50], [true, false, false], 1)).toBe(60);
    expect(weightBudget([40, 10, 50], [true, false, false], 0)).toBe(100);
  });
});
