import { describe, expect, it } from 'vitest';
import { FIRST_DELAY_MS, MAX_DELAY_MS, reconnectDelay } from './reconnectDelay';

describe('reconnectDelay', () => {
  it('doubles from the first delay up to the cap', () => {
    const top = (attempt: number) => reconnectDelay(attempt, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(top(1000)).toBe(MAX_DELAY_MS);
  });

  it('jitters between half and all of the step', () => {
    expect(reconnectDelay(0, () => 0)).toBe(FIRST_DELAY_MS / 2);
    expect(reconnectDelay(3, () => 0.5)).toBe(3000);
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 200; i += 1) {
      const delay = reconnectDelay(2, random);
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });

  it('treats a negative attempt as the first', () => {
    expect(reconnectDelay(-3, () => 1)).toBe(FIRST_DELAY_MS);
  });
});
