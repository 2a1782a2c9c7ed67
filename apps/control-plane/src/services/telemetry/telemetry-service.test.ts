import type { ProxyIdentity } from '@shadowmesh/api';
import { emptyOutcomeCounts } from '@shadowmesh/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import {
  destinationReported,
  edgeKey,
  requests,
  telemetryDelta,
} from '../../testing/mesh/telemetry-deltas.js';
import { identityOf } from '../../testing/test-proxy.js';
import { buildConfigView } from './graph/config-view.js';
import { renderExposition } from './prometheus-exposition.js';
import { TelemetryService } from './telemetry-service.js';

const SLEEP: ProxyIdentity = identityOf({ id: 'sleep.default-1', labels: { app: 'sleep' } });
const MESH = { config: buildConfigView([]), gateways: new Set<string>(), workloadLabels: new Map() };

let ms = 1_700_000_000_000;
const services: TelemetryService[] = [];
function service(maxSeries?: number) {
  const s = new TelemetryService({ now: () => ms, ...(maxSeries ? { maxSeries } : {}) });
  services.push(s);
  return s;
}
afterEach(() => {
  for (const s of services.splice(0)) s.close();
});

describe('TelemetryService ingestion', () => {
  it.each([
    ['not an object', 'payload'],
    [{ version: 3, windowStartMs: 0, windowEndMs: 0, edges: [], mirror: [] }, 'payload.version'],
    [{ ...telemetryDelta([requests(edgeKey(), 1)]), edges: [{ key: {} }] }, 'payload.edges[0].key.reporter'],
    [
      telemetryDelta([requests(edgeKey({ sourceWorkload: 'a\u0001b' }), 1)]),
      'payload.edges[0].key.sourceWorkload',
    ],
    [
      telemetryDelta([requests(edgeKey({ destinationApp: 'x'.repeat(300) }), 1)]),
      'payload.edges[0].key.destinationApp',
    ],
  ])('refuses and counts a malformed payload (%#), recording nothing of it', (payload, _field) => {
    const s = service();
    expect(s.ingest(SLEEP, payload)).toBe(false);
    expect(s.counters).toMatchObject({ messages: 1, rejected: 1, edges: 0 });
    expect(s.registry.size).toBe(0);
  });

  it('counts every reporter for Prometheus but only one report per request for the graph', () => {
    const s = service();
    const key = edgeKey();
    const fromOutside = edgeKey({ reporter: 'destination', sourceWorkload: 'unknown', sourceApp: 'unknown' });
    s.ingest(SLEEP, telemetryDelta([requests(key, 10)]));
    s.ingest(SLEEP, telemetryDelta([requests(destinationReported(key), 10), requests(fromOutside, 4)]));
    expect(s.registry.size).toBe(3);
    ms += 1000;
    const { edges } = s.windowEdges(10);
    expect(edges.map((e) => [e.key.reporter, e.key.sourceWorkload, e.requests])).toEqual([
      ['source', 'sleep', 10],
      ['destination', 'unknown', 4],
    ]);
    const text = renderExposition({ series: s.registry.values(), mirror: [], controlPlane: [] });
    expect(text).toContain('istio_requests_total{reporter="source",source_workload="sleep"');
    expect(text).toMatch(/istio_requests_total\{reporter="destination",source_workload="sleep",.*\} 10/);
  });

  it('keeps counters monotonic and cumulative across deltas', () => {
    const s = service();
    for (let i = 0; i < 3; i++) {
      s.ingest(SLEEP, telemetryDelta([requests(edgeKey(), 5, 30)]));
      ms += 1000;
    }
    const text = renderExposition({ series: s.registry.values(), mirror: [], controlPlane: [] });
    expect(text).toMatch(/^istio_requests_total\{.*connection_security_policy="none"\} 15$/m);
    expect(text).toMatch(/^istio_request_duration_milliseconds_bucket\{.*le="25"\} 0$/m);
    expect(text).toMatch(/^istio_request_duration_milliseconds_bucket\{.*le="50"\} 15$/m);
    expect(text).toMatch(/^istio_request_duration_milliseconds_bucket\{.*le="\+Inf"\} 15$/m);
    expect(text).toMatch(/^istio_request_duration_milliseconds_sum\{.*\} 450$/m);
    expect(text).toMatch(/^istio_response_bytes_sum\{.*\} 1500$/m);
  });

  it('sums mirror outcomes per sending workload and target', () => {
    const s = service();
    const outcomes = { ...emptyOutcomeCounts(), 'mirrored-ok': 3, 'sampled-out': 1 };
    const target = 'outbound|8000|v2|httpbin.default.svc.cluster.local';
    s.ingest(SLEEP, { ...telemetryDelta([]), mirror: [{ target, outcomes }] });
    s.ingest(SLEEP, { ...telemetryDelta([]), mirror: [{ target, outcomes }] });
    const text = renderExposition({ series: [], mirror: s.mirrorTotals(), controlPlane: [] });
    expect(text).toContain(
      `shadowmesh_mirror_requests_total{source_workload="sleep",source_workload_namespace="default",destination_cluster="${target}",outcome="mirrored-ok"} 6`,
    );
  });

  it('bounds the number of series and drops (and counts) the rest', () => {
    const s = service(2);
    s.ingest(
      SLEEP,
      telemetryDelta([200, 404, 500].map((code) => requests(edgeKey({ responseCode: code }), 1))),
    );
    expect(s.registry.size).toBe(2);
    expect(s.counters.seriesDropped).toBe(1);
  });

  it('evicts series silent for longer than the store keeps data', () => {
    const s = service();
    s.ingest(SLEEP, telemetryDelta([requests(edgeKey(), 1)]));
    ms += 3600_000;
    s.ingest(SLEEP, telemetryDelta([requests(edgeKey({ responseCode: 503 }), 1)]));
    ms += 6 * 3600_000;
    expect(s.evictIdle()).toBe(1);
    expect(s.registry.size).toBe(1);
  });

  it('answers a metrics series for an edge, step by step', () => {
    const s = service();
    const start = Math.floor(ms / 1000);
    for (let i = 0; i < 20; i++) {
      s.ingest(
        SLEEP,
        telemetryDelta([requests(edgeKey(), i < 10 ? 2 : 4), requests(edgeKey({ responseCode: 500 }), 1)]),
      );
      ms += 1000;
    }
    const answer = s.metrics(
      {
        target: { edge: 'svc:default:httpbin>vapp:default:httpbin:v1' },
        graphType: 'versionedApp',
        direction: 'inbound',
        durationSeconds: 20,
        stepSeconds: 10,
      },
      MESH,
    );
    expect(answer.series).toEqual([
      {
        t: start * 1000,
        rps: 3,
        errorRatio: 0.333333,
        p50Ms: expect.any(Number),
        p95Ms: expect.any(Number),
        p99Ms: expect.any(Number),
      },
      {
        t: (start + 10) * 1000,
        rps: 5,
        errorRatio: 0.2,
        p50Ms: expect.any(Number),
        p95Ms: expect.any(Number),
        p99Ms: expect.any(Number),
      },
    ]);
    const root = s.metrics(
      {
        target: { node: 'vapp:default:sleep:unknown' },
        graphType: 'versionedApp',
        direction: 'inbound',
        durationSeconds: 20,
        stepSeconds: 20,
      },
      MESH,
    );
    expect(root.series[0]?.rps).toBe(4); // a root has no inbound traffic: its outbound series
  });
});
