import type { GraphEdge, GraphNode, GraphType, MeshResource } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import { describe, expect, it } from 'vitest';
import { edgeKey, requests } from '../../../testing/mesh/telemetry-deltas.js';
import { appendPairs, packPairs } from '../packed-histogram.js';
import { buildConfigView } from './config-view.js';
import { buildGraph } from './graph-builder.js';
import type { WindowEdge } from './graph-types.js';

/** `n` requests of `key` at `latencyMs`, as the window aggregation hands them over. */
function traffic(overrides: Partial<EdgeKey>, n: number, latencyMs = 5): WindowEdge {
  const delta = requests(edgeKey(overrides), n, latencyMs);
  const pairs: number[] = [];
  appendPairs(pairs, delta.durationMs);
  const packed = packPairs(pairs, false);
  return {
    key: delta.key,
    requests: n,
    requestBytes: 0,
    responseBytes: 0,
    latency: { addTo: (merger) => merger.add(packed) },
  };
}

const V2 = { destinationWorkload: 'httpbin-v2', destinationVersion: 'v2' } as const;
const MIRROR = { requestType: 'mirror' } as const;

const httpbinRules = (vs: Record<string, unknown>): MeshResource[] =>
  [
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
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3 } },
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'httpbin', namespace: 'default' },
      spec: { hosts: ['httpbin'], http: [vs] },
    },
  ] as MeshResource[];

interface Case {
  name: string;
  graphType?: GraphType;
  namespaces?: string[];
  edges: WindowEdge[];
  resources?: MeshResource[];
  gateways?: string[];
  nodes: Partial<GraphNode>[];
  graphEdges: Partial<GraphEdge>[];
}

const cases: Case[] = [
  {
    name: 'versionedApp: client → service → version, inside the app box',
    edges: [traffic({}, 100)],
    nodes: [
      { id: 'box:default:httpbin', kind: 'box', health: 'healthy', inRps: 10 },
      { id: 'svc:default:httpbin', kind: 'service', inRps: 10, outRps: 10, health: 'healthy' },
      { id: 'vapp:default:httpbin:v1', kind: 'workload', parent: 'box:default:httpbin', label: 'httpbin v1' },
      { id: 'vapp:default:sleep:unknown', kind: 'workload', isRoot: true, outRps: 10, label: 'sleep' },
    ],
    graphEdges: [
      { id: 'svc:default:httpbin>vapp:default:httpbin:v1', mirror: false, health: 'healthy' },
      { id: 'vapp:default:sleep:unknown>svc:default:httpbin', mirror: false, health: 'healthy' },
    ],
  },
  {
    name: 'weighted route: configured weight beside the observed share',
    edges: [traffic({}, 70), traffic(V2, 30)],
    resources: httpbinRules({
      route: [
        { destination: { host: 'httpbin', subset: 'v1' }, weight: 75 },
        { destination: { host: 'httpbin', subset: 'v2' }, weight: 25 },
      ],
    }),
    nodes: [
      {
        id: 'svc:default:httpbin',
        badges: {
          mirror: false,
          weightedRouting: true,
          faultInjection: false,
          timeout: false,
          retries: false,
          circuitBreaker: true,
        },
      },
    ],
    graphEdges: [
      { id: 'svc:default:httpbin>vapp:default:httpbin:v1', configuredWeight: 75 },
      { id: 'svc:default:httpbin>vapp:default:httpbin:v2', configuredWeight: 25 },
    ],
  },
  {
    name: 'mirror: a dashed edge from the service to the shadow version, judged on its own',
    edges: [traffic({}, 50), traffic({ ...V2, ...MIRROR, responseCode: 500 }, 50)],
    resources: httpbinRules({
      route: [{ destination: { host: 'httpbin', subset: 'v1' } }],
      mirror: { host: 'httpbin', subset: 'v2' },
      mirrorPercentage: { value: 50 },
    }),
    nodes: [
      { id: 'svc:default:httpbin', health: 'healthy', errorRatio: 0, outRps: 10 },
      { id: 'vapp:default:httpbin:v1', health: 'healthy' },
      { id: 'vapp:default:httpbin:v2', health: 'failure', errorRatio: 1, inRps: 5 },
      { id: 'box:default:httpbin', health: 'failure' },
    ],
    graphEdges: [
      { id: 'svc:default:httpbin>vapp:default:httpbin:v1', health: 'healthy', mirror: false },
      {
        id: 'svc:default:httpbin>vapp:default:httpbin:v2:mirror',
        source: 'svc:default:httpbin',
        target: 'vapp:default:httpbin:v2',
        mirror: true,
        mirrorPercentage: 50,
        health: 'failure',
      },
      { id: 'vapp:default:sleep:unknown>svc:default:httpbin', health: 'healthy' },
    ],
  },
  {
    name: 'mirror to a host without primary traffic: from the sending node',
    edges: [
      traffic({}, 10),
      traffic(
        {
          ...MIRROR,
          destinationService: 'shadow.default.svc.cluster.local',
          destinationWorkload: 'shadow',
          destinationApp: 'shadow',
          destinationVersion: 'v1',
        },
        10,
      ),
    ],
    nodes: [{ id: 'vapp:default:shadow:v1' }],
    graphEdges: [{ id: 'vapp:default:sleep:unknown>vapp:default:shadow:v1:mirror', mirror: true }],
  },
  {
    name: 'traffic from outside the mesh (destination-reported): an unknown root',
    edges: [
      traffic(
        {
          reporter: 'destination',
          sourceWorkload: 'unknown',
          sourceApp: 'unknown',
          sourceNamespace: 'unknown',
        },
        10,
      ),
    ],
    nodes: [{ id: 'unknown', kind: 'unknown', isRoot: true }],
    graphEdges: [{ id: 'unknown>svc:default:httpbin' }],
  },
  {
    name: 'a gateway is its own kind of node',
    gateways: ['istio-system/istio-ingressgateway'],
    edges: [
      traffic(
        {
          sourceWorkload: 'istio-ingressgateway',
          sourceApp: 'unknown',
          sourceNamespace: 'istio-system',
        },
        10,
      ),
    ],
    nodes: [{ id: 'gw:istio-system:istio-ingressgateway', kind: 'gateway', isRoot: true }],
    graphEdges: [{ id: 'gw:istio-system:istio-ingressgateway>svc:default:httpbin' }],
  },
  {
    name: 'app graph: versions merge into one app node',
    graphType: 'app',
    edges: [traffic({}, 10), traffic(V2, 10)],
    nodes: [
      { id: 'app:default:httpbin', kind: 'app', inRps: 2 },
      { id: 'app:default:sleep', isRoot: true },
    ],
    graphEdges: [
      { id: 'app:default:sleep>svc:default:httpbin', traffic: expect.objectContaining({ requests: 20 }) },
      { id: 'svc:default:httpbin>app:default:httpbin', traffic: expect.objectContaining({ requests: 20 }) },
    ],
  },
  {
    name: 'workload graph: one node per workload',
    graphType: 'workload',
    edges: [traffic({}, 10), traffic(V2, 10)],
    nodes: [
      { id: 'wl:default:httpbin-v1', kind: 'workload', version: 'v1' },
      { id: 'wl:default:httpbin-v2', kind: 'workload' },
      { id: 'wl:default:sleep', isRoot: true },
    ],
    graphEdges: [
      { id: 'svc:default:httpbin>wl:default:httpbin-v1', traffic: expect.objectContaining({ share: 0.5 }) },
    ],
  },
  {
    name: 'service graph: sources that serve a host appear as that service',
    graphType: 'service',
    edges: [
      traffic(
        {
          sourceWorkload: 'productpage-v1',
          sourceApp: 'productpage',
          sourceVersion: 'v1',
          destinationService: 'reviews.default.svc.cluster.local',
          destinationWorkload: 'reviews-v1',
          destinationApp: 'reviews',
        },
        10,
      ),
      traffic(
        {
          destinationService: 'productpage.default.svc.cluster.local',
          destinationWorkload: 'productpage-v1',
          destinationApp: 'productpage',
        },
        10,
      ),
    ],
    nodes: [{ id: 'svc:default:productpage' }, { id: 'svc:default:reviews' }, { id: 'wl:default:sleep' }],
    graphEdges: [
      { id: 'svc:default:productpage>svc:default:reviews' },
      { id: 'wl:default:sleep>svc:default:productpage' },
    ],
  },
  {
    name: 'no healthy upstream (503 UH, no workload): the edge ends at the service',
    edges: [
      traffic({}, 999),
      traffic(
        {
          destinationWorkload: 'unknown',
          destinationVersion: 'unknown',
          responseCode: 503,
          responseFlags: 'UH',
        },
        1,
      ),
    ],
    nodes: [{ id: 'svc:default:httpbin', health: 'healthy', errorRatio: 0.001 }],
    graphEdges: [
      {
        id: 'vapp:default:sleep:unknown>svc:default:httpbin',
        health: 'healthy',
        traffic: expect.objectContaining({ errors: 1, responseCodes: { '200': 999, '503': 1 } }),
      },
      { id: 'svc:default:httpbin>vapp:default:httpbin:v1', traffic: expect.objectContaining({ errors: 0 }) },
    ],
  },
  {
    name: 'namespace filter keeps traffic touching the namespace',
    namespaces: ['shop'],
    edges: [
      traffic({}, 10),
      traffic({ sourceNamespace: 'shop', sourceWorkload: 'cart', sourceApp: 'cart' }, 5),
    ],
    nodes: [{ id: 'vapp:shop:cart:unknown' }],
    graphEdges: [
      { id: 'vapp:shop:cart:unknown>svc:default:httpbin', traffic: expect.objectContaining({ rps: 0.5 }) },
    ],
  },
];

describe('buildGraph', () => {
  it.each(cases)('$name', (c) => {
    const graph = buildGraph({
      graphType: c.graphType ?? 'versionedApp',
      namespaces: c.namespaces ?? [],
      durationSeconds: 10,
      windowSeconds: 10,
      endMs: 1_700_000_000_000,
      edges: c.edges,
      mesh: {
        config: buildConfigView(c.resources ?? []),
        gateways: new Set(c.gateways ?? []),
        workloadLabels: new Map(),
      },
    });
    for (const node of c.nodes) expect(graph.nodes).toContainEqual(expect.objectContaining(node));
    for (const edge of c.graphEdges) expect(graph.edges).toContainEqual(expect.objectContaining(edge));
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    for (const n of graph.nodes) if (n.parent) expect(ids.has(n.parent)).toBe(true);
    expect(graph.nodes.map((n) => n.id)).toEqual([...ids].sort());
  });

  it('shares add up per source, rates divide by the window, quantiles come from the merged latencies', () => {
    const graph = buildGraph({
      graphType: 'versionedApp',
      namespaces: [],
      durationSeconds: 60,
      windowSeconds: 60,
      endMs: 0,
      edges: [
        traffic({}, 60, 2),
        traffic(V2, 30, 200),
        traffic({ ...V2, responseCode: 503, responseFlags: 'UF' }, 30, 1),
      ],
      mesh: { config: buildConfigView([]), gateways: new Set(), workloadLabels: new Map() },
    });
    const byId = new Map(graph.edges.map((e) => [e.id, e]));
    const v1 = byId.get('svc:default:httpbin>vapp:default:httpbin:v1')!;
    const v2 = byId.get('svc:default:httpbin>vapp:default:httpbin:v2')!;
    expect(v1.traffic.share + v2.traffic.share).toBeCloseTo(1, 6);
    expect(v2.traffic).toMatchObject({ rps: 1, requests: 60, errors: 30, errorRatio: 0.5 });
    expect(v2.health).toBe('failure');
    expect(v2.traffic.p95Ms).toBeGreaterThan(198);
    expect(v2.traffic.p95Ms).toBeLessThan(202);
    expect(v1.traffic.p50Ms).toBeCloseTo(2, 1);
  });
});
