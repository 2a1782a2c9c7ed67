import { describe, expect, it } from 'vitest';
import { edgeKey, requests } from '../../testing/mesh/telemetry-deltas.js';
import type { Frame } from './frame.js';
import { FRAME_ENTRY_BYTES } from './frame.js';
import { FrameRing } from './frame-ring.js';
import { COARSE_BLOCKS, FINE_SECONDS, TimeSeriesStore } from './time-series-store.js';

const T0 = 1_700_000_000; // a multiple of 10 seconds

function clock(startSecond = T0) {
  let ms = startSecond * 1000 + 200;
  return {
    now: () => ms,
    set: (second: number, offsetMs = 200) => {
      ms = second * 1000 + offsetMs;
    },
  };
}

const total = (w: { frames: Frame[] }) =>
  w.frames.reduce((n, f) => n + Array.from(f.requests).reduce((a, b) => a + b, 0), 0);

describe('FrameRing', () => {
  it('holds capacity × span seconds and treats an overwritten slot as empty', () => {
    const ring = new FrameRing(3, 10);
    const frame = (start: number) => ({
      start,
      span: 10,
      series: new Uint32Array([0]),
      requests: new Uint32Array([1]),
      requestBytes: new Float32Array(1),
      responseBytes: new Float32Array(1),
      histStart: new Uint32Array([0, 0]),
      hist: new Uint32Array(0),
    });
    for (const start of [0, 10, 20, 30]) ring.put(frame(start));
    expect(ring.get(0)).toBeNull(); // slot reused by 30
    expect(ring.range(0, 40).map((f) => f.start)).toEqual([10, 20, 30]);
    expect(ring.range(20, 40).map((f) => f.start)).toEqual([20, 30]);
    expect(ring.oldest()?.start).toBe(10);
    ring.clear(20);
    expect(ring.get(20)).toBeNull();
    expect(ring.bytesHeld).toBe(2 * FRAME_ENTRY_BYTES + 2 * 4); // two entries, each with its histStart pair
  });
});

describe('TimeSeriesStore', () => {
  it('puts each delta in the second it arrives and answers windows of sealed seconds', () => {
    const c = clock();
    const store = new TimeSeriesStore(c.now);
    for (let s = 0; s < 30; s++) {
      c.set(T0 + s);
      store.record(0, requests(edgeKey(), 2));
      store.record(1, requests(edgeKey({ responseCode: 500 }), 1));
    }
    c.set(T0 + 30);
    const w = store.window(10);
    expect(w.end).toBe(T0 + 30);
    expect(w.start).toBe(T0 + 20);
    expect(w.seconds).toBe(10);
    expect(w.frames.map((f) => [f.start, f.span])).toEqual([[T0 + 20, 10]]); // one rolled-up block
    expect(store.window(10, 'finest').frames).toHaveLength(10);
    expect(total(w)).toBe(30);
    // An unaligned window: seconds, a block, seconds.
    c.set(T0 + 34);
    const odd = store.window(15);
    expect(odd.frames.map((f) => [f.start, f.span])).toEqual([
      [T0 + 19, 1],
      [T0 + 20, 10],
    ]);
    expect(total(odd)).toBe(33);
    // The window starts before the store did: rates divide by the seconds it was running.
    expect(store.window(60).seconds).toBe(34);
  });

  it('combines several deltas of one series in one second, histogram included', () => {
    const c = clock();
    const store = new TimeSeriesStore(c.now);
    store.record(3, requests(edgeKey(), 2, 5));
    store.record(3, requests(edgeKey(), 3, 5));
    c.set(T0 + 1);
    const [frame] = store.window(10).frames;
    expect(frame?.series).toEqual(new Uint32Array([3]));
    expect(frame?.requests[0]).toBe(5);
    expect(frame?.hist).toHaveLength(1); // one bucket, count 5
  });

  it('rolls complete ten-second blocks up and serves windows beyond 15 minutes from them', () => {
    const c = clock();
    const store = new TimeSeriesStore(c.now);
    const seconds = FINE_SECONDS + 300; // 20 minutes of one request a second
    for (let s = 0; s < seconds; s++) {
      c.set(T0 + s);
      store.record(0, requests(edgeKey(), 1));
    }
    c.set(T0 + seconds + 5);
    const recent = store.window(FINE_SECONDS, 'finest');
    expect(recent.frames.every((f) => f.span === 1)).toBe(true);
    expect(total(store.window(FINE_SECONDS))).toBe(FINE_SECONDS - 5);
    expect(total(recent)).toBe(FINE_SECONDS - 5);
    const long = store.window(3600);
    expect(long.frames.some((f) => f.span === 10)).toBe(true);
    expect(total(long)).toBe(seconds);
    expect(long.seconds).toBe(seconds + 5);
    const coarse = store.coarse.get(T0 + 10);
    expect(coarse?.requests[0]).toBe(10);
  });

  it('forgets seconds older than 15 minutes and blocks older than 6 hours', () => {
    const c = clock();
    const store = new TimeSeriesStore(c.now);
    store.record(0, requests(edgeKey(), 4));
    c.set(T0 + FINE_SECONDS + 1);
    expect(total(store.window(FINE_SECONDS))).toBe(0);
    expect(total(store.window(3600))).toBe(4);
    c.set(T0 + COARSE_BLOCKS * 10 + 20);
    expect(total(store.window(6 * 3600))).toBe(0);
    expect(store.bytes()).toBe(0);
  });

  it('stays within its byte budget by dropping the oldest ten-second frames first', () => {
    const c = clock();
    const store = new TimeSeriesStore(c.now, 20_000);
    for (let s = 0; s < 200; s++) {
      c.set(T0 + s);
      for (let k = 0; k < 20; k++) store.record(k, requests(edgeKey(), 1));
    }
    c.set(T0 + 200);
    expect(store.bytes()).toBeLessThanOrEqual(20_000);
    expect(store.framesDropped).toBeGreaterThan(0);
    const w = store.window(FINE_SECONDS, 'finest');
    expect(w.frames.at(-1)?.start).toBe(T0 + 199); // the newest seconds are kept
    expect(store.coarse.oldest()?.start ?? T0 + 200).toBeGreaterThan(T0);
  });

  it('survives gaps longer than its horizon, and a clock that steps back', () => {
    const c = clock();
    const store = new TimeSeriesStore(c.now);
    store.record(0, requests(edgeKey(), 1));
    c.set(T0 + 10 * 3600);
    store.record(0, requests(edgeKey(), 2));
    c.set(T0 + 10 * 3600 - 5); // NTP step back: stays in the open second
    store.record(0, requests(edgeKey(), 3));
    c.set(T0 + 10 * 3600 + 1);
    expect(total(store.window(6 * 3600))).toBe(5);
  });
});
