import { describe, expect, it } from 'vitest';
import { healthOf, isErrorResponse, worstHealth } from './health.js';

describe('health thresholds (Kiali defaults)', () => {
  it.each([
    [0, 0, 'idle'],
    [1000, 0, 'healthy'],
    [1000, 0.001, 'healthy'], // 0.1 % exactly is not above
    [1000, 0.002, 'degraded'],
    [1000, 0.2, 'degraded'], // 20 % exactly is not above
    [1000, 0.2001, 'failure'],
    [3, 1, 'failure'],
  ] as const)('%i requests at error ratio %f → %s', (requests, ratio, health) => {
    expect(healthOf(requests, ratio)).toBe(health);
  });

  it('orders healths', () => {
    expect(worstHealth('healthy', 'failure')).toBe('failure');
    expect(worstHealth('degraded', 'healthy')).toBe('degraded');
    expect(worstHealth('idle', 'healthy')).toBe('healthy');
  });
});

describe('isErrorResponse', () => {
  it.each([
    [200, '-', false],
    [404, '-', false],
    [404, 'NR', true],
    [500, '-', true],
    [503, 'UF,URX', true],
    [0, 'DC', false],
    [0, 'UT', true],
    [200, 'DI', false],
    [418, 'DI,FI', true],
  ] as const)('%i %s → %s', (code, flags, error) => {
    expect(isErrorResponse(code, flags)).toBe(error);
  });
});
