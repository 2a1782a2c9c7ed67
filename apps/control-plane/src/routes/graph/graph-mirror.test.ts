// Acceptance (issue 5): with mirror 100 % to v2 the graph shows the primary edge to v1 and a mirror
// edge to v2 at the same rate; when v2 answers 500s the mirror edge turns red while the primary edge
// and the client's answers stay healthy. A real mesh: sidecars and httpbin as processes.
import type { GraphEdge, GraphResponse } from '@shadowmesh/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpbinMesh, startHttpbinMesh } from '../../testing/mesh/httpbin-mesh.js';
import { type RunningLoad, startLoad } from '../../testing/mesh/load-loop.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';

const MIRROR_YAML = `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - httpbin
  http:
  - route:
    - destination:
        host: httpbin
        subset: v1
      weight: 100
    mirror:
      host: httpbin
      subset: v2
    mirrorPercentage:
      value: 100.0
`;

const PRIMARY = 'svc:default:httpbin>vapp:default:httpbin:v1';
const MIRROR = 'svc:default:httpbin>vapp:default:httpbin:v2:mirror';

describe('mirror edges on a real mesh', () => {
  let bed: HttpbinMesh;
  let load: RunningLoad;

  beforeAll(async () => {
    bed = await startHttpbinMesh();
    await bed.mesh.apply(MIRROR_YAML);
    load = startLoad({
      proxy: bed.sleep.outbound,
      url: 'http://httpbin:8000/get',
      rps: 30,
      durationMs: 35_000,
    });
  }, 30_000);

  afterAll(async () => {
    load?.stop();
    await load?.done;
    await bed?.close();
  });

  const graph = async (): Promise<GraphResponse> =>
    (await bed.mesh.app.inject({ method: 'GET', url: '/api/v1/graph?duration=10s' })).json() as GraphResponse;
  const edges = (g: GraphResponse) => new Map<string, GraphEdge>(g.edges.map((e) => [e.id, e]));

  it('draws the mirror edge beside the primary one, at the same rate, and turns it red when v2 fails', async () => {
    // A full 10 s window of steady load.
    await waitUntil(() => load.stats.completed >= 30 * 11, 'eleven seconds of load', 20_000, 100);
    const healthy = edges(await graph());
    const primary = healthy.get(PRIMARY);
    const mirror = healthy.get(MIRROR);
    expect(primary, 'primary edge').toBeDefined();
    expect(mirror, 'mirror edge').toMatchObject({
      source: 'svc:default:httpbin',
      target: 'vapp:default:httpbin:v2',
      mirror: true,
      mirrorPercentage: 100,
      health: 'healthy',
    });
    expect(primary?.traffic.rps).toBeGreaterThan(20);
    expect(Math.abs(mirror!.traffic.rps - primary!.traffic.rps) / primary!.traffic.rps).toBeLessThanOrEqual(
      0.1,
    );

    bed.v2 = await bed.mesh.restartHttpbin(bed.v2, { version: 'v2', errorRate: 1 });
    const failing = await waitUntil(
      async () => {
        const g = await graph();
        return edges(g).get(MIRROR)?.health === 'failure' && edges(g).get(MIRROR)!.traffic.errorRatio > 0.9
          ? g
          : null;
      },
      'the mirror edge to fail',
      15_000,
      250,
    );
    const after = edges(failing);
    expect(after.get(PRIMARY)).toMatchObject({
      health: 'healthy',
      traffic: expect.objectContaining({ errors: 0 }),
    });
    expect(after.get(MIRROR)?.traffic.responseCodes['500']).toBeGreaterThan(0);
    expect(failing.nodes.find((n) => n.id === 'vapp:default:httpbin:v1')?.health).toBe('healthy');
    expect(failing.nodes.find((n) => n.id === 'vapp:default:httpbin:v2')?.health).toBe('failure');
    expect(failing.nodes.find((n) => n.id === 'svc:default:httpbin')?.health).toBe('healthy');
    load.stop();
    const stats = await load.done;
    // The client never saw the shadow's failures.
    expect(stats.failed).toBe(0);
    expect(Object.keys(stats.statuses)).toEqual(['200']);
    expect(stats.skipped).toBe(0);
  }, 45_000);
});
