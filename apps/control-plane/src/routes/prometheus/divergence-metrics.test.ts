import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowsPayload, jsonBody, mirrorRecord, primaryRecord } from '../../testing/flow-records.js';
import { type TestApp, testApp } from '../../testing/test-app.js';
import { identityOf } from '../../testing/test-proxy.js';

describe('/metrics: divergence and flow counters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    const sleep = identityOf({ id: 'sleep-1', workload: 'sleep' });
    const flows = t.app.flows.flows;
    // Two routes of one mirror edge: 3 compared, 2 divergent; plus a malformed message.
    for (const [id, route, answer] of [
      ['m1', 'httpbin.default/a', 2],
      ['m2', 'httpbin.default/b', 2],
      ['m3', 'httpbin.default/b', 1],
    ] as const) {
      const p = primaryRecord(id, { route, responseBody: jsonBody({ a: 1 }) });
      flows.ingest(sleep, flowsPayload([p, mirrorRecord(p, { responseBody: jsonBody({ a: answer }) })]));
    }
    flows.ingest(sleep, { version: 1 });
  });
  afterAll(() => t.close());

  const scrape = async (names: string[]) => {
    const query = names.map((n) => `name=${n}`).join('&');
    const res = await t.app.inject({ method: 'GET', url: `/metrics?${query}` });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('exports compared and divergent counts per mirror edge with Istio-style labels', async () => {
    const body = await scrape([
      'shadowmesh_divergence_compared_total',
      'shadowmesh_divergence_divergent_total',
    ]);
    const labels =
      'source_workload="sleep",source_workload_namespace="default",destination_service="httpbin.default.svc.cluster.local",mirror_service="httpbin.default.svc.cluster.local",mirror_subset="v2"';
    expect(body).toContain('# TYPE shadowmesh_divergence_compared_total counter');
    expect(body).toContain(`shadowmesh_divergence_compared_total{${labels}} 3\n`);
    expect(body).toContain(`shadowmesh_divergence_divergent_total{${labels}} 2\n`);
  });

  it('exports the flow counters', async () => {
    const body = await scrape(['shadowmesh_flows_rejected_total', 'shadowmesh_flows_held']);
    expect(body).toContain('shadowmesh_flows_rejected_total{reason="malformed"} 1\n');
    expect(body).toContain('shadowmesh_flows_rejected_total{reason="foreign_source"} 0\n');
    expect(body).toContain('shadowmesh_flows_held 6\n');
  });
});
