import { describe, expect, it } from 'vitest';
import { compactDelta, encodeHistogram } from './compact-delta.js';
import { parseCompactDelta } from './compact-delta-parse.js';
import type { EdgeKey } from './edge-key.js';
import { LogHistogram } from './log-histogram.js';
import { TelemetryDeltaReader } from './telemetry-delta-reader.js';
import { TelemetryRecorder } from './telemetry-recorder.js';
import { mulberry32, SAMPLE_KEY } from './testing/fixtures.js';

const base: EdgeKey = { ...SAMPLE_KEY };

const KEYS: EdgeKey[] = [
  base,
  { ...base, responseCode: 503, responseFlags: 'UF' },
  { ...base, destinationVersion: 'v2', destinationWorkload: 'httpbin-v2', requestType: 'mirror' },
  { ...base, reporter: 'destination', sourceWorkload: 'unknown', protocol: 'grpc' },
];

/** Records the same seeded second of traffic into every recorder given. */
function traffic(seed: number, ...recorders: TelemetryRecorder[]): void {
  const r = mulberry32(seed);
  for (let n = 0; n < 40; n++) {
    const key = KEYS[Math.floor(r() * (seed % 2 === 0 ? KEYS.length : 2))] as EdgeKey;
    const sample = {
      durationMs: r() < 0.05 ? r() * 30_000 : Math.exp(Math.log(5) + r()),
      requestBytes: Math.floor(r() * 5000),
      responseBytes: Math.floor(r() * 2e6),
    };
    for (const rec of recorders) rec.record(key, sample);
  }
  for (const rec of recorders)
    rec.countMirror('outbound|8000|v2|httpbin.default.svc.cluster.local', 'timed-out');
}

const wire = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

describe('compact (version 2) deltas', () => {
  it('decode to exactly the edges a version 1 delta of the same traffic carries, second after second', () => {
    const v1 = new TelemetryRecorder(0);
    const v2 = new TelemetryRecorder(0);
    const reader = new TelemetryDeltaReader();
    for (let second = 1; second <= 6; second++) {
      traffic(second, v1, v2);
      const expanded = reader.read(wire(v1.takeDelta(second * 1000)));
      const compact = reader.read(wire(v2.takeCompactDelta(second * 1000)));
      expect(expanded.ok && compact.ok).toBe(true);
      if (!expanded.ok || !compact.ok) return;
      expect(compact.value.version).toBe(2);
      expect(compact.value.edges).toEqual(expanded.value.edges);
      expect(compact.value.mirror).toEqual(expanded.value.mirror);
      expect(compact.value.windowStartMs).toBe((second - 1) * 1000);
      expect(expanded.value.keyIds).toBeNull();
    }
    expect(reader.size).toBe(KEYS.length);
  });

  it('sends each key once per connection, and again after resetKeys(), fresh or the refresh interval', () => {
    const rec = new TelemetryRecorder(0, { keyRefreshMs: 10_000 });
    rec.record(base, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    expect(rec.takeCompactDelta(1000)?.keys.map((k) => k[0])).toEqual([0]);
    rec.record(base, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    rec.record(KEYS[1] as EdgeKey, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    const second = rec.takeCompactDelta(2000);
    expect(second?.keys.map((k) => k[0])).toEqual([1]);
    expect(second?.edges.map((e) => e[0])).toEqual([0, 1]);
    rec.resetKeys();
    rec.record(base, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    expect(rec.takeCompactDelta(3000)?.keys.map((k) => k[0])).toEqual([0]);
    rec.record(base, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    expect(rec.takeCompactDelta(4000, { fresh: true })?.keys).toHaveLength(1);
    rec.record(base, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    expect(rec.takeCompactDelta(5000)?.keys).toHaveLength(0);
    rec.record(base, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    expect(rec.takeCompactDelta(14_000)?.keys).toHaveLength(1);
    expect(rec.snapshot().edges.find((e) => e.key.responseCode === 200)?.requests).toBe(6);
  });

  it('a new connection (a new reader) refuses references until the keys are resent', () => {
    const rec = new TelemetryRecorder(0);
    rec.record(base, { durationMs: 2, requestBytes: 0, responseBytes: 10 });
    expect(new TelemetryDeltaReader().read(wire(rec.takeCompactDelta(1000))).ok).toBe(true);
    const reconnected = new TelemetryDeltaReader();
    rec.record(base, { durationMs: 2, requestBytes: 0, responseBytes: 10 });
    expect(reconnected.read(wire(rec.takeCompactDelta(2000)))).toMatchObject({
      ok: false,
      field: 'payload.edges[0][0]',
      message: expect.stringMatching(/unknown key id 0/),
    });
    rec.record(base, { durationMs: 2, requestBytes: 0, responseBytes: 10 });
    expect(reconnected.read(wire(rec.takeCompactDelta(3000, { fresh: true })))).toMatchObject({ ok: true });
  });

  it('round-trips histograms of any shape through the run encoding', () => {
    const r = mulberry32(7);
    for (let round = 0; round < 200; round++) {
      const h = new LogHistogram();
      const n = Math.floor(r() * 50);
      for (let i = 0; i < n; i++) h.record(r() < 0.3 ? r() * 1e-3 : Math.exp(r() * 20 - 5));
      const json = h.toJSON();
      const edge = {
        key: base,
        requests: n,
        durationMs: json,
        durationBuckets: { sum: 0, counts: [n, ...new Array<number>(19).fill(0)] },
        requestBytes: { sum: 0, counts: [n, ...new Array<number>(8).fill(0)] },
        responseBytes: { sum: 0, counts: [...new Array<number>(8).fill(0), n] },
      };
      const compact = compactDelta({ windowStartMs: 0, windowEndMs: 1, edges: [edge], mirror: [] }, () => 3);
      const decoded = parseCompactDelta(wire(compact), () => undefined);
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) return;
      const back = LogHistogram.fromJSON(decoded.value.edges[0]!.durationMs);
      for (const q of [0, 0.1, 0.5, 0.9, 0.99, 1]) expect(back.quantile(q)).toBe(h.quantile(q));
      expect(back.count).toBe(h.count);
      expect(decoded.value.edges[0]?.responseBytes).toEqual(edge.responseBytes);
    }
    expect(
      encodeHistogram({ accuracy: 0.01, count: 3, sum: 3, min: 1, max: 1, offset: 5, counts: [1, 0, 0, 2] }),
    ).toEqual([3, 3, 1, 1, 5, 1, -2, 2]);
  });
});
