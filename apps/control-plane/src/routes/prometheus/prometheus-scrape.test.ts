// Acceptance (issue 5): a real Prometheus scrapes the control plane's /metrics every second while a
// real mesh carries a fixed-rate load for 30 s; Istio's PromQL for the rate per destination version
// agrees with /api/v1/graph within 10 %.
import type { GraphResponse } from '@shadowmesh/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpbinMesh, startHttpbinMesh } from '../../testing/mesh/httpbin-mesh.js';
import { type RunningLoad, startLoad } from '../../testing/mesh/load-loop.js';
import { PrometheusServer } from '../../testing/mesh/prometheus-server.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';

const WEIGHTED_YAML = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: httpbin }
spec:
  hosts: [httpbin]
  http:
  - route:
    - { destination: { host: httpbin, subset: v1 }, weight: 70 }
    - { destination: { host: httpbin, subset: v2 }, weight: 30 }
`;

const RPS = 40;
const LOAD_MS = 30_000;
const WINDOW_S = 20;

describe.skipIf(!PrometheusServer.available())('Prometheus export on a real mesh', () => {
  let bed: HttpbinMesh;
  let prometheus: PrometheusServer;
  let load: RunningLoad;

  beforeAll(async () => {
    bed = await startHttpbinMesh();
    const target = new URL(bed.mesh.url).host;
    [prometheus] = await Promise.all([PrometheusServer.start(target), bed.mesh.apply(WEIGHTED_YAML)]);
    await prometheus.waitForTarget();
  }, 40_000);

  afterAll(async () => {
    load?.stop();
    await load?.done;
    await prometheus?.stop();
    await bed?.close();
  });

  it('rate(istio_requests_total) per destination version agrees with the graph within 10 %', async () => {
    const started = Date.now();
    load = startLoad({
      proxy: bed.sleep.outbound,
      url: 'http://httpbin:8000/get',
      rps: RPS,
      durationMs: LOAD_MS,
    });
    // Compare over a window that lies wholly inside the load.
    await waitUntil(() => Date.now() - started >= LOAD_MS - 3000, 'the load to run', LOAD_MS, 200);
    const graph = (
      await bed.mesh.app.inject({ method: 'GET', url: `/api/v1/graph?duration=${WINDOW_S}s` })
    ).json() as GraphResponse;
    const end = Date.parse(graph.timestamp) / 1000;
    // Prometheus evaluates at the graph's window end, once it has scraped past it.
    await waitUntil(() => Date.now() / 1000 > end + 2.5, 'scrapes past the window', 5000, 100);
    const samples = await prometheus.query(
      `sum by (destination_version) (rate(istio_requests_total{reporter="source",request_type="primary"}[${WINDOW_S}s]))`,
      end,
    );
    const promRate = new Map(samples.map((s) => [s.metric.destination_version, s.value]));
    const stats = await load.done;
    expect(stats.failed).toBe(0);
    expect(stats.statuses).toEqual({ '200': stats.completed });

    for (const version of ['v1', 'v2']) {
      const edge = graph.edges.find((e) => e.id === `svc:default:httpbin>vapp:default:httpbin:${version}`);
      expect(edge, `graph edge to ${version}`).toBeDefined();
      const fromGraph = edge!.traffic.rps;
      const fromPrometheus = promRate.get(version) ?? 0;
      expect(fromPrometheus, `Prometheus rate of ${version}`).toBeGreaterThan(0);
      expect(
        Math.abs(fromGraph - fromPrometheus) / fromPrometheus,
        `${version}: graph ${fromGraph} vs ${fromPrometheus}`,
      ).toBeLessThanOrEqual(0.1);
      expect(edge!.configuredWeight).toBe(version === 'v1' ? 70 : 30);
    }
    const total = (promRate.get('v1') ?? 0) + (promRate.get('v2') ?? 0);
    expect(Math.abs(total - RPS) / RPS).toBeLessThanOrEqual(0.1);

    const [v1Count] = await prometheus.query(
      'sum(istio_requests_total{reporter="destination",destination_version="v1",connection_security_policy="none"})',
    );
    expect(v1Count?.value).toBeGreaterThan(0);
    const [durationCount] = await prometheus.query(
      'sum(istio_request_duration_milliseconds_count{reporter="source",request_type="primary"})',
    );
    expect(durationCount?.value).toBeGreaterThan(0);
  }, 45_000);
});
