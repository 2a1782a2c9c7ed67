import { describe, expect, it } from 'vitest';
import {
  parseErrorRate,
  parseLatencyMs,
  parseListen,
  parseVersion,
  resolveDemoOptions,
} from './demo-options.js';

describe('parseListen', () => {
  it.each([
    ['127.0.0.1:8000', { host: '127.0.0.1', port: 8000 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['0.0.0.0:65535', { host: '0.0.0.0', port: 65535 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
  ])('%s', (text, expected) => {
    expect(parseListen(text)).toEqual(expected);
  });

  it.each(['8000', ':8000', '127.0.0.1', '127.0.0.1:', '127.0.0.1:65536', 'a b:1', '::1:80', '127.0.0.1:-1'])(
    'refuses %j naming the field',
    (text) => {
      expect(() => parseListen(text, '--listen')).toThrow(/^--listen: /);
    },
  );
});

describe('number and label options', () => {
  it('parseErrorRate takes 0..1 as number or text', () => {
    expect([parseErrorRate(0), parseErrorRate('0.25'), parseErrorRate(1)]).toEqual([0, 0.25, 1]);
    for (const bad of [-0.1, 1.01, '', 'half', Number.POSITIVE_INFINITY, null]) {
      expect(() => parseErrorRate(bad)).toThrow(/^errorRate: must be a number from 0 to 1/);
    }
  });

  it('parseLatencyMs takes 0..600000', () => {
    expect([parseLatencyMs('0'), parseLatencyMs(250)]).toEqual([0, 250]);
    for (const bad of [-1, 600_001, 'slow']) expect(() => parseLatencyMs(bad)).toThrow(/^extraLatencyMs: /);
  });

  it('parseVersion takes short labels', () => {
    expect(['v1', 'v2-beta', '1.4.0', 'v3+exp'].map((v) => parseVersion(v))).toEqual([
      'v1',
      'v2-beta',
      '1.4.0',
      'v3+exp',
    ]);
    for (const bad of ['', '-v1', 'v 1', 'v1\n', 'x'.repeat(65)])
      expect(() => parseVersion(bad)).toThrow(/^version: /);
  });
});

describe('resolveDemoOptions', () => {
  it('fills in defaults and freezes', () => {
    const resolved = resolveDemoOptions({ listen: '127.0.0.1:0' });
    expect(resolved).toMatchObject({ version: 'v1', errorRate: 0, extraLatencyMs: 0, accessLogSize: 1000 });
    expect(resolved.random).toBe(Math.random);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('a seed gives a reproducible random source; an injected one wins', () => {
    const a = resolveDemoOptions({ listen: '127.0.0.1:0', seed: 9 }).random;
    const b = resolveDemoOptions({ listen: '127.0.0.1:0', seed: 9 }).random;
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    const fixed = () => 0.5;
    expect(resolveDemoOptions({ listen: '127.0.0.1:0', seed: 9, random: fixed }).random).toBe(fixed);
  });
});
