// The GEP-2257 test vectors (kubernetes-sigs/gateway-api geps/gep-2257), parsing and formatting.
import { describe, expect, it } from 'vitest';
import { DurationError } from '../duration.js';
import { formatGatewayDuration, parseGatewayDuration } from './gateway-duration.js';

const H = 3_600_000;
const M = 60_000;
const S = 1000;

describe('parseGatewayDuration', () => {
  it.each([
    ['0h', 0],
    ['0s', 0],
    ['0h0m0s', 0],
    ['1h', H],
    ['30m', 30 * M],
    ['10s', 10 * S],
    ['500ms', 500],
    ['2h30m', 2 * H + 30 * M],
    ['150m', 2 * H + 30 * M],
    ['7230s', 2 * H + 30 * S],
    ['1h30m10s', H + 30 * M + 10 * S],
    ['10s30m1h', H + 30 * M + 10 * S],
    ['100ms200ms300ms', 600],
    ['1h2h20m10m', 3 * H + 30 * M],
    ['01h', H],
    ['00060m', H],
    ['1s500ms', 1500],
    ['99999h', 99_999 * H],
  ])('%s is %d ms', (text, ms) => {
    expect(parseGatewayDuration(text)).toBe(ms);
  });

  it.each([
    ['1', 'missing unit'],
    ['1m1', 'missing unit'],
    ['1d', 'days are not supported'],
    ['1h30m10s20ms50h', 'too many components'],
    ['999999h', 'too many digits'],
    ['1.5h', 'floating point'],
    ['-15m', 'negative'],
    ['', 'empty'],
    ['100us', 'microseconds'],
    ['1 s', 'space'],
    ['1S', 'upper-case unit'],
  ])('refuses %j (%s)', (text) => {
    expect(() => parseGatewayDuration(text)).toThrow(DurationError);
    expect(() => parseGatewayDuration(text)).toThrow(/invalid Gateway API duration/);
  });
});

describe('formatGatewayDuration', () => {
  it.each([
    [0, '0s'],
    [H, '1h'],
    [30 * M, '30m'],
    [10 * S, '10s'],
    [500, '500ms'],
    [2 * H + 30 * M, '2h30m'],
    [H + 30 * M + 10 * S, '1h30m10s'],
    [2 * H + 30 * S, '2h30s'],
    [1500, '1s500ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatGatewayDuration(ms)).toBe(text);
    expect(parseGatewayDuration(text)).toBe(ms);
  });

  it('refuses fractions and negatives', () => {
    expect(() => formatGatewayDuration(1.5)).toThrow(DurationError);
    expect(() => formatGatewayDuration(-1)).toThrow(DurationError);
  });
});
