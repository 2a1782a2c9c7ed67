import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['1.5s', 1500],
    ['100ms', 100],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['0.5s', 500],
    ['.5s', 500],
    ['250us', 0.25],
    ['10s', 10_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '5', 's', '5x', '1.5 s', '-1s', '1s ', 'abc'])('rejects %j with a clear message', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration/);
  });

  it('formats back', () => {
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(100)).toBe('100ms');
    expect(formatDuration(120_000)).toBe('2m');
    expect(formatDuration(3_600_000)).toBe('1h');
  });
});
