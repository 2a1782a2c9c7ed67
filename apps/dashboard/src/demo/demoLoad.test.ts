import type { DemoLoadStatus } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { describeLoad, parseRpsInput, sliderMax } from './demoLoad';

describe('parseRpsInput', () => {
  it.each([
    ['25', { ok: true, rps: 25 }],
    [' 0 ', { ok: true, rps: 0 }],
    ['2.5', { ok: true, rps: 2.5 }],
    ['10000', { ok: true, rps: 10_000 }],
    ['', { ok: false, message: 'Enter requests per second (0 pauses the load).' }],
    ['fast', { ok: false, message: '"fast" is not a number.' }],
    ['-1', { ok: false, message: 'Enter 0 to 10000 requests per second.' }],
    ['10001', { ok: false, message: 'Enter 0 to 10000 requests per second.' }],
  ])('%j → %j', (text, expected) => expect(parseRpsInput(text, 10_000)).toEqual(expected));
});

describe('sliderMax', () => {
  it.each([
    [0, 100],
    [10, 100],
    [60, 1000],
    [400, 1000],
    [600, 10_000],
    [9000, 10_000],
  ])('rate %d → slider up to %d', (rps, max) => expect(sliderMax(rps, 10_000)).toBe(max));
});

describe('describeLoad', () => {
  const status: DemoLoadStatus = {
    rps: 10,
    maxRps: 10_000,
    sent: 340,
    ok: 338,
    failed: 2,
    errors: 0,
    skipped: 0,
  };
  it('says the rate and what it did', () => {
    expect(describeLoad(status)).toBe('10 req/s · 340 sent, 2 failed');
    expect(describeLoad({ ...status, rps: 0, failed: 0, errors: 1 })).toBe(
      'paused · 340 sent, 1 without answer',
    );
  });
});
