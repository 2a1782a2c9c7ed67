// Acceptance (issue 7) on a real mesh: sidecars as processes of the compiled CLI, this test's own
// upstreams for httpbin v1 and v2 (v2 answers one JSON field differently; both return a random uuid),
// sampling every flow. Divergence names the differing field and not the volatile uuid; identical
// versions echoing Host diverge 0 times over 1,000 requests; redacted headers never reach the control
// plane; the tap WebSocket sends only flows matching its filter.
import { request } from 'node:http';
import type { DivergenceResponse, FlowExchange, GraphResponse, MirrorDivergence } from '@shadowmesh/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlowUpstream, startFlowUpstream } from '../../testing/mesh/flow-upstream.js';
import { HTTPBIN_BASE_YAML } from '../../testing/mesh/httpbin-mesh.js';
import { startLoad } from '../../testing/mesh/load-loop.js';
import { type RunningSidecar, TestMesh } from '../../testing/mesh/test-mesh.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';
import { TestTapClient } from '../../testing/test-tap-client.js';

const route = (name: string, prefix: string | null) => `
  - name: ${name}
${prefix ? `    match: [{ uri: { prefix: ${prefix} } }]\n` : ''}    route: [{ destination: { host: httpbin, subset: v1 } }]
    mirror: { host: httpbin, subset: v2 }
    mirrorPercentage: { value: 100 }`;

const FLOWS_YAML = `
apiVersion: shadowmesh.io/v1alpha1
kind: MeshConfig
metadata: { name: default }
spec: { flowSampling: 1 }
---
apiVersion: shadowmesh.io/v1alpha1
kind: ShadowPolicy
metadata: { name: httpbin }
spec:
  host: httpbin
  redactHeaders: [x-api-key]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: httpbin }
spec:
  hosts: [httpbin]
  http:${route('json', '/json')}${route('echo', '/echo-host')}${route('other', null)}
`;

const SECRETS = {
  authorization: 'Bearer s3cret-authorization-value',
  cookie: 'session=s3cret-cookie-value',
  'x-api-key': 's3cret-api-key-value',
} as const;
const SET_COOKIE = 'id=s3cret-set-cookie-value';

/** One GET through the sleep sidecar's outbound proxy (absolute form, as curl with HTTP_PROXY). */
function viaSleep(
  sleep: RunningSidecar,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const at = sleep.outbound.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: sleep.outbound.slice(0, at),
        port: Number(sleep.outbound.slice(at + 1)),
        method: 'GET',
        path: `http://httpbin:8000${path}`,
        headers: { host: 'httpbin:8000', ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end();
  });
}

describe('request flows on a real mesh', () => {
  let mesh: TestMesh;
  let sleep: RunningSidecar;
  const upstreams: FlowUpstream[] = [];
  /** Every `flows` payload the control plane received, serialized as it arrived. */
  const received: string[] = [];

  beforeAll(async () => {
    mesh = await TestMesh.start({
      telemetrySink: {
        telemetry: () => {},
        flows: (_proxy, payload) => received.push(JSON.stringify(payload)),
      },
    });
    const [v1, v2] = await Promise.all([
      startFlowUpstream({ answer: 'A', setCookie: SET_COOKIE }),
      startFlowUpstream({ answer: 'B', setCookie: SET_COOKIE }),
    ]);
    upstreams.push(v1, v2);
    [sleep] = await Promise.all([
      mesh.sidecar({ workload: 'sleep', labels: { app: 'sleep' } }),
      mesh.sidecar({ workload: 'httpbin-v1', labels: { app: 'httpbin', version: 'v1' }, app: v1.address }),
      mesh.sidecar({ workload: 'httpbin-v2', labels: { app: 'httpbin', version: 'v2' }, app: v2.address }),
    ]);
    await mesh.synced(3);
    await mesh.apply(HTTPBIN_BASE_YAML);
    await mesh.apply(FLOWS_YAML);
  }, 60_000);

  afterAll(async () => {
    await mesh?.close();
    await Promise.all(upstreams.map((u) => u.close()));
  });

  const get = async <T>(url: string): Promise<T> => {
    const res = await mesh.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  const divergenceOf = async (routeName: string): Promise<MirrorDivergence | undefined> =>
    (await get<DivergenceResponse>('/api/v1/divergence?service=httpbin')).items.find(
      (i) => i.route?.includes(routeName) && i.target.subset === 'v2',
    );

  it('names the one differing JSON field with ratio 1.0 and not the random uuid', async () => {
    const n = 30;
    for (let i = 0; i < n; i++) expect((await viaSleep(sleep, `/json?i=${i}`)).status).toBe(200);
    const edge = await waitUntil(
      async () => {
        const d = await divergenceOf('json');
        return d && d.compared >= n ? d : null;
      },
      `${n} compared /json pairs`,
      20_000,
    );
    expect(edge).toMatchObject({ compared: n, divergent: n, ratio: 1, source: { workload: 'sleep' } });
    expect(edge.fields.map((f) => f.field)).toContain('$.answer');
    expect(edge.fields.find((f) => f.field === '$.answer')).toMatchObject({ count: n, ratio: 1 });
    expect(edge.fields.some((f) => f.field.includes('uuid'))).toBe(false);
  });

  it('finds no divergence between identical versions echoing Host over 1,000 requests', async () => {
    const load = startLoad({
      proxy: sleep.outbound,
      url: 'http://httpbin:8000/echo-host',
      rps: 250,
      durationMs: 4_000,
      maxRequests: 1_000,
      maxInFlight: 16,
    });
    const stats = await load.done;
    expect(stats.sent + stats.skipped).toBe(1_000);
    expect(stats.statuses['200']).toBe(stats.sent);
    const edge = await waitUntil(
      async () => {
        const d = await divergenceOf('echo');
        return d && d.compared + d.incomparable >= stats.sent ? d : null;
      },
      `${stats.sent} compared /echo-host pairs`,
      30_000,
      200,
    );
    expect(edge).toMatchObject({ compared: stats.sent, divergent: 0, ratio: 0, incomparable: 0, fields: [] });
    // The shadow copies did see the -shadow host: the difference is expected, not divergence.
    const [sample] = (await get<{ items: { id: string }[] }>('/api/v1/flows?path=/echo-host&limit=1')).items;
    const exchange = await get<FlowExchange>(`/api/v1/flows/${encodeURIComponent(sample!.id)}`);
    expect(exchange.copies[0]?.responseBody?.data).toContain('httpbin-shadow');
    expect(exchange.comparisons[0]?.result).toBe('equal');

    // The graph's mirror edge and /metrics carry it too.
    const graph = await get<GraphResponse>('/api/v1/graph?duration=60s');
    const mirror = graph.edges.find((e) => e.id === 'svc:default:httpbin>vapp:default:httpbin:v2:mirror');
    expect(mirror?.divergence?.compared).toBeGreaterThanOrEqual(stats.sent);
    const metrics = await mesh.app.inject({
      method: 'GET',
      url: '/metrics?name=shadowmesh_divergence_compared_total',
    });
    expect(metrics.body).toMatch(
      /shadowmesh_divergence_compared_total\{source_workload="sleep",.*mirror_subset="v2"\} \d+/,
    );
  });

  it('never lets redacted header values reach the control plane', async () => {
    const ids = ['redact-1', 'redact-2', 'redact-3'];
    for (const id of ids) {
      const res = await viaSleep(sleep, '/headers', { ...SECRETS, 'x-request-id': id });
      expect(res.status).toBe(200);
      expect(res.body).toContain(SECRETS['x-api-key']); // The client itself gets the echo.
    }
    const exchanges = await waitUntil(
      async () => {
        const all = await Promise.all(
          ids.map(
            async (id) =>
              (await mesh.app.inject({ method: 'GET', url: `/api/v1/flows/${id}` })).json() as FlowExchange,
          ),
        );
        return all.every((e) => e.primary && e.copies.length === 1) ? all : null;
      },
      'the /headers exchanges with their copies',
      20_000,
    );
    for (const e of exchanges) {
      for (const record of [e.primary!, ...e.copies]) {
        expect(record.requestHeaders.authorization).toBe('[redacted]');
        expect(record.requestHeaders.cookie).toBe('[redacted]');
        expect(record.requestHeaders['x-api-key']).toBe('[redacted]');
        expect(record.responseHeaders['set-cookie']).toBe('[redacted]');
      }
    }
    const everything = received.join('\n');
    expect(everything).toContain('redact-1');
    for (const secret of [...Object.values(SECRETS), SET_COOKIE]) {
      expect(everything.includes(secret.split('=').at(-1)!.replace('Bearer ', '')), secret).toBe(false);
    }
  });

  it('streams only the flows matching a tap filter, and names the field of a bad subscribe', async () => {
    const client = await TestTapClient.connect(mesh.url);
    try {
      client.send({ type: 'subscribe', filter: { status: '7xx' } });
      const error = await client.waitFor(() => client.messages.find((m) => m.type === 'error'), 'an error');
      expect(error).toMatchObject({ type: 'error', field: 'filter.status' });

      client.send({ type: 'subscribe', filter: { path: '/json/tap' }, ratePerSecond: 100 });
      await waitUntil(() => mesh.app.flows.tap.sessions().length === 1, 'the tap session');
      for (let i = 0; i < 3; i++) {
        await viaSleep(sleep, '/echo-host?tap=1');
        await viaSleep(sleep, `/json/tap?i=${i}`, { 'x-request-id': `tap-${i}` });
      }
      await client.waitFor(
        () => ['tap-0', 'tap-1', 'tap-2'].every((id) => client.flowIds().includes(id)),
        'the three /json/tap flows',
        20_000,
      );
      for (const m of client.messages) {
        if (m.type !== 'flow') continue;
        const paths = [m.flow.primary, ...m.flow.copies].flatMap((r) => (r ? [r.path] : []));
        expect(
          paths.some((p) => p.startsWith('/json/tap')),
          JSON.stringify(paths),
        ).toBe(true);
      }
    } finally {
      await client.close();
    }
    await waitUntil(() => mesh.app.flows.tap.sessions().length === 0, 'the tap session to end');
  });
});
