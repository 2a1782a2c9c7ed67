import { describe, expect, it } from 'vitest';
import { compileConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-limits.js';

describe('compileConnectionLimits', () => {
  const errors: string[] = [];
  const compile = (cp: Parameters<typeof compileConnectionLimits>[0]) =>
    compileConnectionLimits(cp, (m) => errors.push(m));

  it.each([
    ['absent: Istio defaults', undefined, DEFAULT_CONNECTION_LIMITS],
    ['connect timeout', { tcp: { connectTimeout: '250ms' } }, { connectTimeoutMs: 250 }],
    [
      'max connections and pending',
      { tcp: { maxConnections: 3 }, http: { http1MaxPendingRequests: 7 } },
      { maxConnections: 3, maxPendingRequests: 7 },
    ],
    [
      '0 means unset, as in Istio',
      { tcp: { maxConnections: 0 }, http: { http1MaxPendingRequests: 0 } },
      { maxConnections: 2 ** 32 - 1, maxPendingRequests: 2 ** 32 - 1 },
    ],
    ['http2MaxRequests caps requests in flight', { http: { http2MaxRequests: 5 } }, { maxRequests: 5 }],
    [
      'per connection, duration, idle',
      { tcp: { maxConnectionDuration: '1m' }, http: { maxRequestsPerConnection: 1, idleTimeout: '2s' } },
      { maxRequestsPerConnection: 1, maxConnectionDurationMs: 60_000, idleTimeoutMs: 2_000 },
    ],
  ])('%s', (_, cp, expected) => {
    expect(compile(cp)).toMatchObject(expected);
    expect(errors).toEqual([]);
  });

  it('keeps the default for a zero or bad connect timeout, reporting the bad one', () => {
    expect(compile({ tcp: { connectTimeout: '0s' } }).connectTimeoutMs).toBe(10_000);
    expect(compile({ tcp: { connectTimeout: 'soon' } }).connectTimeoutMs).toBe(10_000);
    expect(errors.splice(0)).toEqual([expect.stringContaining('connectionPool.tcp.connectTimeout "soon"')]);
  });
});
