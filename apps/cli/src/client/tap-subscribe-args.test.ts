import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { parseTapRate, tapSubscribeFromFlags } from './tap-subscribe-args.js';

describe('tapSubscribeFromFlags', () => {
  it('builds the subscribe message from every flag', () => {
    expect(
      tapSubscribeFromFlags({
        service: 'httpbin',
        namespace: 'default',
        workload: 'sleep',
        method: 'get',
        path: '/headers',
        status: '5XX',
        rate: '25',
      }),
    ).toEqual({
      type: 'subscribe',
      filter: {
        service: 'httpbin',
        namespace: 'default',
        workload: 'sleep',
        method: 'GET',
        path: '/headers',
        status: '5xx',
      },
      ratePerSecond: 25,
    });
  });

  it('subscribes to everything at the default rate without flags', () => {
    expect(tapSubscribeFromFlags({})).toEqual({ type: 'subscribe', filter: {}, ratePerSecond: 10 });
  });

  it.each([
    [{ status: 'abc' }, /^--status must be an HTTP status code \(503\), a class \(5xx\) or 0.*"abc"/],
    [{ status: '600' }, /^--status /],
    [{ status: '5x' }, /^--status /],
    [{ status: '' }, /^--status must not be empty/],
    [{ rate: '0' }, /^--rate must be flows per second, more than 0 and at most 100, got "0"/],
    [{ rate: '101' }, /^--rate /],
    [{ rate: 'fast' }, /^--rate /],
    [{ method: 'GE T' }, /^--method must be an HTTP method/],
    [{ path: 'headers' }, /^--path must be a path prefix starting with \//],
    [{ namespace: 'Default' }, /^--namespace must be a namespace name/],
    [{ service: ' ' }, /^--service must not be empty/],
    [{ workload: 'w'.repeat(254) }, /^--workload must be at most 253 characters/],
  ])('refuses %j naming the flag', (flags, message) => {
    let thrown: unknown;
    try {
      tapSubscribeFromFlags(flags);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CliError);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('parseTapRate', () => {
  it('takes fractions and the maximum', () => {
    expect(parseTapRate('0.5')).toBe(0.5);
    expect(parseTapRate('100')).toBe(100);
    expect(parseTapRate(undefined)).toBe(10);
  });
});
