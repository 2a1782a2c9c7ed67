import type { GraphResponse, MetricsResponse } from '@shadowmesh/api';
import { afterEach, describe, expect, it } from 'vitest';
import { CountingTelemetrySink } from '../../services/push/telemetry-sink.js';
import { JSON_HEADERS, serviceObject } from '../../testing/fixtures.js';
import { edgeKey, requests, telemetryDelta } from '../../testing/mesh/telemetry-deltas.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';
import { testApp } from '../../testing/test-app.js';
import { TestProxy } from '../../testing/test-proxy.js';

describe('graph, metrics and Prometheus routes', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function listening(
    input: Parameters<typeof testApp>[0] = {},
    extra: Parameters<typeof testApp>[1] = {},
  ) {
    const t = await testApp(input, extra);
    cleanups.push(t.close);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return { ...t, url };
  }

  /** A proxy that has said hello (as sleep) and sends the given telemetry payloads. */
  async function sleepProxy(url: string, token?: string) {
    const p = await TestProxy.connect(url, token);
    cleanups.push(() => p.close());
    p.hello({ id: 'sleep.default-1', labels: { app: 'sleep' } });
    await p.waitFor(() => p.messages.find((m) => m.type === 'welcome'), 'welcome');
    return p;
  }

  it.each([
    ['/api/v1/graph?duration=5s', 'query.duration'],
    ['/api/v1/graph?duration=7h', 'query.duration'],
    ['/api/v1/graph?duration=soon', 'query.duration'],
    ['/api/v1/graph?graphType=mesh', 'query.graphType'],
    ['/api/v1/graph?namespaces=Bad_NS', 'query.namespaces[0]'],
    ['/api/v1/graph?graphType=app&graphType=service', 'query.graphType'],
    ['/api/v1/metrics?duration=60s', 'query.node'],
    ['/api/v1/metrics?node=a&edge=b', 'query.node'],
    ['/api/v1/metrics?node=a&step=0s', 'query.step'],
    ['/api/v1/metrics?node=a&duration=1h&step=15s', 'query.step'],
    ['/api/v1/metrics?node=a&duration=6h&step=1s', 'query.step'],
    ['/api/v1/metrics?node=a&direction=up', 'query.direction'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const t = await testApp();
    cleanups.push(t.close);
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CP_ERR_BAD_REQUEST', details: { field } });
  });

  it('draws what proxies report: graph, badges from config, per-edge metrics, Prometheus text', async () => {
    const counting = new CountingTelemetrySink();
    const t = await listening({}, { telemetrySink: counting });
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'httpbin' },
      spec: {
        hosts: ['httpbin'],
        http: [
          {
            route: [{ destination: { host: 'httpbin' } }],
            timeout: '3s',
            mirror: { host: 'httpbin-shadow' },
          },
        ],
      },
    };
    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: JSON_HEADERS,
      payload: JSON.stringify([serviceObject('httpbin'), vs]),
    });
    expect(applied.statusCode).toBe(200);
    const p = await sleepProxy(t.url);
    p.send({ type: 'telemetry', payload: telemetryDelta([requests(edgeKey(), 30, 12)]) });
    p.send({ type: 'telemetry', payload: { version: 1, edges: 'nope' } });
    await p.waitFor(() => counting.telemetryMessages === 2, 'telemetry delivered');

    const graph = await waitUntil(
      async () => {
        const g = (
          await t.app.inject({ method: 'GET', url: '/api/v1/graph?duration=10s' })
        ).json() as GraphResponse;
        return g.edges.length > 0 ? g : null;
      },
      'a sealed second with traffic',
      5000,
    );
    expect(graph).toMatchObject({ graphType: 'versionedApp', durationSeconds: 10, namespaces: [] });
    const service = graph.nodes.find((n) => n.id === 'svc:default:httpbin');
    expect(service?.badges).toMatchObject({ mirror: true, timeout: true, weightedRouting: false });
    const edge = graph.edges.find((e) => e.id === 'vapp:default:sleep:unknown>svc:default:httpbin');
    expect(edge?.traffic).toMatchObject({ requests: 30, errors: 0, share: 1, responseCodes: { '200': 30 } });
    expect(edge?.traffic.p50Ms).toBeCloseTo(12, 0);

    const filtered = (await t.app.inject({ method: 'GET', url: '/api/v1/graph?namespaces=other' })).json();
    expect(filtered).toMatchObject({ namespaces: ['other'], nodes: [], edges: [] });

    const metrics = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/metrics?edge=${encodeURIComponent(edge!.id)}&duration=30s&step=10s`,
      })
    ).json() as MetricsResponse;
    expect(metrics.target).toBe(edge!.id);
    expect(metrics.stepSeconds).toBe(10);
    expect(metrics.series).toHaveLength(3);
    expect(metrics.series.reduce((n, pt) => n + pt.rps * 10, 0)).toBeGreaterThan(0);

    const prom = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(prom.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(prom.body).toMatch(
      /^istio_requests_total\{reporter="source",source_workload="sleep".*request_type="primary",connection_security_policy="none"\} 30$/m,
    );
    expect(prom.body).toMatch(/^shadowmesh_telemetry_rejected_total 1$/m);
    expect(prom.body).toMatch(/^shadowmesh_proxies_connected\{kind="sidecar"\} 1$/m);
  });

  it('/metrics and the graph are reads: open on loopback, a credential elsewhere', async () => {
    const t = await testApp({ auth: 'token', listen: '0.0.0.0:0' });
    cleanups.push(t.close);
    for (const url of ['/metrics', '/api/v1/graph', '/api/v1/metrics?node=unknown']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      const authorization = `Bearer ${t.app.services.auth.token}`;
      expect((await t.app.inject({ method: 'GET', url, headers: { authorization } })).statusCode).toBe(200);
    }
  });
});
