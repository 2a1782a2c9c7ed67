import type { MeshResource, MirrorDivergence } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import { describe, expect, it } from 'vitest';
import { edgeKey } from '../../../testing/mesh/telemetry-deltas.js';
import { buildConfigView } from './config-view.js';
import { DivergenceIndex } from './divergence-index.js';
import { buildGraph } from './graph-builder.js';
import type { WindowEdge } from './graph-types.js';

const HOST = 'httpbin.default.svc.cluster.local';
const RESOURCES = [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'httpbin', namespace: 'default' },
    spec: {
      host: 'httpbin',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    },
  },
] as MeshResource[];

function traffic(overrides: Partial<EdgeKey>, n: number): WindowEdge {
  return {
    key: edgeKey(overrides),
    requests: n,
    requestBytes: 0,
    responseBytes: 0,
    latency: { addTo: () => {} },
  };
}

function divergence(
  route: string,
  subset: string,
  compared: number,
  divergent: number,
  workload = 'sleep',
): MirrorDivergence {
  return {
    namespace: 'default',
    service: HOST,
    route,
    source: { workload, namespace: 'default' },
    target: { service: HOST, namespace: 'default', subset },
    compared,
    divergent,
    ratio: compared > 0 ? divergent / compared : 0,
    incomparable: 0,
    fields: [],
    volatileFields: [],
  };
}

describe('divergence on mirror edges', () => {
  it('sums the summaries of the source workload and mirror target subset, each once', () => {
    const config = buildConfigView(RESOURCES);
    const index = new DivergenceIndex(
      [
        divergence('httpbin.default/a', 'v2', 6, 2),
        divergence('httpbin.default/b', 'v2', 4, 2),
        divergence('httpbin.default/a', 'v1', 100, 100),
        divergence('httpbin.default/a', 'v2', 50, 50, 'other'),
      ],
      (host, subset) => config.subsetLabels(host, subset),
    );
    const v2 = {
      destinationWorkload: 'httpbin-v2',
      destinationVersion: 'v2',
      requestType: 'mirror',
    } as const;
    const graph = buildGraph({
      graphType: 'versionedApp',
      namespaces: [],
      durationSeconds: 10,
      windowSeconds: 10,
      endMs: 0,
      edges: [
        traffic({}, 10),
        traffic(v2, 5),
        traffic({ ...v2, responseCode: 500 }, 5),
        traffic({ ...v2, reporter: 'destination' }, 5),
      ],
      mesh: { config, gateways: new Set(), workloadLabels: new Map(), divergence: index },
    });
    const mirror = graph.edges.find((e) => e.mirror);
    expect(mirror?.id).toBe('svc:default:httpbin>vapp:default:httpbin:v2:mirror');
    expect(mirror?.divergence).toEqual({ compared: 10, divergent: 4, ratio: 0.4 });
    for (const e of graph.edges.filter((e) => !e.mirror)) expect(e.divergence).toBeUndefined();
  });

  it('leaves mirror edges without compared copies alone', () => {
    const config = buildConfigView(RESOURCES);
    const graph = buildGraph({
      graphType: 'workload',
      namespaces: [],
      durationSeconds: 10,
      windowSeconds: 10,
      endMs: 0,
      edges: [
        traffic({ destinationWorkload: 'httpbin-v2', destinationVersion: 'v2', requestType: 'mirror' }, 3),
      ],
      mesh: {
        config,
        gateways: new Set(),
        workloadLabels: new Map(),
        divergence: new DivergenceIndex([], () => undefined),
      },
    });
    expect(graph.edges.find((e) => e.mirror)?.divergence).toBeUndefined();
  });
});
