import { describe, expect, it } from 'vitest';
import { ISTIO_DURATION_BUCKETS_MS } from './bucket-counts.js';
import type { EdgeKey } from './edge-key.js';
import { totalOutcomes } from './mirror-counters.js';
import { renderPrometheus } from './prometheus-text.js';
import { parseTelemetryDelta, TELEMETRY_DELTA_VERSION } from './telemetry-delta.js';
import { TelemetryRecorder } from './telemetry-recorder.js';
import { SAMPLE_KEY } from './testing/fixtures.js';

const key: EdgeKey = { ...SAMPLE_KEY };

describe('TelemetryRecorder', () => {
  it('hands out increments per window and keeps running totals', () => {
    const rec = new TelemetryRecorder(1000);
    rec.record(key, { durationMs: 3, requestBytes: 0, responseBytes: 120 });
    rec.record(key, { durationMs: 7, requestBytes: 10, responseBytes: 120 });
    rec.record(
      { ...key, requestType: 'mirror', destinationVersion: 'v2' },
      {
        durationMs: 2,
        requestBytes: 0,
        responseBytes: 5,
      },
    );
    rec.countMirror('outbound|8000|v2|httpbin.default.svc.cluster.local', 'mirrored-ok');
    const first = rec.takeDelta(2000);
    expect(first).not.toBeNull();
    expect(first?.version).toBe(TELEMETRY_DELTA_VERSION);
    expect(first?.windowStartMs).toBe(1000);
    expect(first?.windowEndMs).toBe(2000);
    expect(first?.edges.map((e) => e.requests).sort()).toEqual([1, 2]);
    expect(first?.mirror[0]?.outcomes['mirrored-ok']).toBe(1);
    expect(rec.takeDelta(3000)).toBeNull();

    rec.record(key, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    const second = rec.takeDelta(4000);
    expect(second?.edges).toHaveLength(1);
    expect(second?.edges[0]?.requests).toBe(1);
    expect(second?.windowStartMs).toBe(3000);

    rec.record(key, { durationMs: 1, requestBytes: 0, responseBytes: 1 });
    const totals = rec.snapshot();
    const primary = totals.edges.find((e) => e.key.requestType === 'primary');
    expect(primary?.requests).toBe(4);
    expect(primary?.responseBytes.sum).toBe(242);
  });

  it('produces deltas that validate and round-trip through JSON', () => {
    const rec = new TelemetryRecorder(0);
    rec.record(key, { durationMs: 12.5, requestBytes: 100, responseBytes: 2000 });
    rec.countMirror('t', 'sampled-out');
    const delta = rec.takeDelta(1000);
    const parsed = parseTelemetryDelta(JSON.parse(JSON.stringify(delta)));
    expect(parsed).toEqual({ ok: true, value: delta });
  });
});

describe('parseTelemetryDelta', () => {
  it('names the bad field', () => {
    const rec = new TelemetryRecorder(0);
    rec.record(key, { durationMs: 1, requestBytes: 0, responseBytes: 0 });
    const delta = JSON.parse(JSON.stringify(rec.takeDelta(1)));
    delta.edges[0].key.responseCode = 'x';
    expect(parseTelemetryDelta(delta)).toMatchObject({
      ok: false,
      field: 'payload.edges[0].key.responseCode',
    });
    expect(parseTelemetryDelta({ version: 99 })).toMatchObject({ ok: false, field: 'payload.version' });
    expect(parseTelemetryDelta(null)).toMatchObject({ ok: false, field: 'payload' });
    const short = JSON.parse(JSON.stringify(rec.snapshot().edges[0]?.toDelta()));
    short.durationBuckets.counts.pop();
    const withShort = { version: 1, windowStartMs: 0, windowEndMs: 1, edges: [short], mirror: [] };
    expect(parseTelemetryDelta(withShort)).toMatchObject({
      ok: false,
      field: 'payload.edges[0].durationBuckets.counts',
    });
  });
});

describe('renderPrometheus', () => {
  it('exposes Istio metric names, labels and cumulative buckets, and mirror outcomes that add up', () => {
    const rec = new TelemetryRecorder(0);
    rec.record(key, { durationMs: 0.5, requestBytes: 0, responseBytes: 10 });
    rec.record(key, { durationMs: 30, requestBytes: 11, responseBytes: 10 });
    rec.countMirror('outbound|8000|v2|httpbin.default.svc.cluster.local', 'mirrored-ok');
    rec.countMirror('outbound|8000|v2|httpbin.default.svc.cluster.local', 'timed-out');
    const snap = rec.snapshot();
    const text = renderPrometheus(snap);
    expect(text).toContain('# TYPE istio_requests_total counter');
    expect(text).toMatch(
      /istio_requests_total\{reporter="source",source_workload="sleep",source_app="sleep",source_version="unknown",source_workload_namespace="default",destination_service="httpbin.default.svc.cluster.local",destination_service_name="httpbin",destination_service_namespace="default",destination_workload="httpbin-v1",destination_app="httpbin",destination_version="v1",destination_workload_namespace="default",response_code="200",response_flags="-",request_protocol="http",request_type="primary"\} 2/,
    );
    expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{[^}]*le="0.5"\} 1\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{[^}]*le="25"\} 1\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{[^}]*le="50"\} 2\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{[^}]*le="\+Inf"\} 2\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_sum\{[^}]*\} 30.5\n/);
    expect(text).toMatch(/istio_request_bytes_bucket\{[^}]*le="10"\} 1\n/);
    expect(text).toMatch(/istio_response_bytes_count\{[^}]*\} 2\n/);
    expect(text.match(/istio_request_duration_milliseconds_bucket/g)).toHaveLength(
      ISTIO_DURATION_BUCKETS_MS.length + 1,
    );
    expect(text).toContain(
      'shadowmesh_mirror_requests_total{destination_cluster="outbound|8000|v2|httpbin.default.svc.cluster.local",outcome="timed-out"} 1',
    );
    expect(totalOutcomes(snap.mirror[0]!.outcomes)).toBe(2);
  });

  it('escapes label values', () => {
    const text = renderPrometheus({
      edges: [],
      mirror: [
        {
          target: 'a"b\\c\nd',
          outcomes: {
            'mirrored-ok': 1,
            'mirrored-error': 0,
            'timed-out': 0,
            'dropped-at-cap': 0,
            'too-large': 0,
            aborted: 0,
            'breaker-open': 0,
            'sampled-out': 0,
          },
        },
      ],
    });
    expect(text).toContain('destination_cluster="a\\"b\\\\c\\nd"');
  });
});
