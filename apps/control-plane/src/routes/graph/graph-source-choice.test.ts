// GET /api/v1/graph with the Prometheus source: the source is chosen by --prometheus and ?source=, a
// Prometheus that cannot be reached is an error naming it (never an empty graph), and a real Prometheus
// with no Istio series yet answers an empty graph from that source.
import type { GraphResponse } from '@shadowmesh/api';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, PrometheusServer } from '../../testing/mesh/prometheus-server.js';
import { testApp } from '../../testing/test-app.js';

describe('graph source choice', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function app(prometheusUrl?: string) {
    const t = await testApp(prometheusUrl ? { prometheusUrl } : {});
    cleanups.push(t.close);
    return t.app;
  }

  it('answers 502 CP_ERR_PROMETHEUS_UNREACHABLE naming the URL when Prometheus is down', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const a = await app(url);
    const res = await a.inject({ method: 'GET', url: '/api/v1/graph' });
    expect(res.statusCode).toBe(502);
    expect(res.body).toContain('CP_ERR_PROMETHEUS_UNREACHABLE');
    expect(res.body).toContain(url);
    const builtin = await a.inject({ method: 'GET', url: '/api/v1/graph?source=builtin' });
    expect(builtin.statusCode).toBe(200);
    expect(builtin.headers['x-shadowmesh-graph-source']).toBe('builtin');
  });

  it('refuses ?source=prometheus without --prometheus, naming query.source', async () => {
    const a = await app();
    const res = await a.inject({ method: 'GET', url: '/api/v1/graph?source=prometheus' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('query.source');
  });

  it.skipIf(!PrometheusServer.available())('answers from a real Prometheus', async () => {
    const prometheus = await PrometheusServer.start(`127.0.0.1:${await freePort()}`);
    cleanups.push(() => prometheus.stop());
    const a = await app(prometheus.url);
    const res = await a.inject({ method: 'GET', url: '/api/v1/graph?duration=60s' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-shadowmesh-graph-source']).toBe('prometheus');
    const graph = res.json() as GraphResponse;
    expect(graph.edges).toEqual([]);
  });
});
