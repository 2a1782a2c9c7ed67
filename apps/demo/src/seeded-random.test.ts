import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('is uniform on [0, 1): the share below 0.3 stays within 4σ', () => {
    const random = seededRandom(12345);
    const n = 100_000;
    let below = 0;
    for (let i = 0; i < n; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      if (x < 0.3) below++;
    }
    expect(Math.abs(below - n * 0.3)).toBeLessThanOrEqual(4 * Math.sqrt(n * 0.3 * 0.7));
  });
});
