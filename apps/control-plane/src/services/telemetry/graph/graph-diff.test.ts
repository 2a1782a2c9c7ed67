import type { GraphEdge, GraphNode, GraphResponse } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../testing/seeded-random.js';
import { applyDelta, diffGraph, heldStateOf, serializeGraph } from './graph-diff.js';

function node(id: string, inRps = 0): GraphNode {
  return {
    id,
    kind: 'workload',
    label: id,
    namespace: 'default',
    health: 'healthy',
    inRps,
    outRps: 0,
    errorRatio: 0,
  };
}

function edge(source: string, target: string, rps: number): GraphEdge {
  return {
    id: `${source}>${target}`,
    source,
    target,
    mirror: false,
    protocol: 'http',
    health: 'healthy',
    traffic: {
      rps,
      requests: rps,
      errors: 0,
      errorRatio: 0,
      share: 1,
      p50Ms: 1,
      p95Ms: 1,
      p99Ms: 1,
      responseCodes: {},
    },
  };
}

function graph(nodes: GraphNode[], edges: GraphEdge[]): GraphResponse {
  return { timestamp: '', durationSeconds: 60, graphType: 'versionedApp', namespaces: [], nodes, edges };
}

describe('graph deltas', () => {
  it('upserts new and changed elements and removes vanished ones', () => {
    const before = serializeGraph(
      graph([node('a'), node('b'), node('c')], [edge('a', 'b', 1), edge('a', 'c', 1)]),
    );
    const after = serializeGraph(
      graph([node('a'), node('b', 5), node('d')], [edge('a', 'b', 1), edge('a', 'd', 2)]),
    );
    const delta = diffGraph(heldStateOf(before), after);
    expect(delta.upsertNodes.map((n) => n.id)).toEqual(['b', 'd']);
    expect(delta.removeNodes).toEqual(['c']);
    expect(delta.upsertEdges.map((e) => e.id)).toEqual(['a>d']);
    expect(delta.removeEdges).toEqual(['a>c']);
    expect(diffGraph(heldStateOf(after), after)).toEqual({
      upsertNodes: [],
      removeNodes: [],
      upsertEdges: [],
      removeEdges: [],
    });
  });

  it('applied in order, deltas rebuild each graph; skipping graphs (coalescing) rebuilds the last', () => {
    const random = seededRandom(7);
    const graphs = Array.from({ length: 40 }, () => {
      const ids = ['a', 'b', 'c', 'd', 'e', 'f'].filter(() => random() < 0.6);
      const nodes = ids.map((id) => node(id, Math.floor(random() * 3)));
      const edges = ids
        .slice(1)
        .filter(() => random() < 0.7)
        .map((id) => edge(ids[0] ?? 'a', id, Math.floor(random() * 3)));
      return serializeGraph(graph(nodes, edges));
    });
    const client = { nodes: new Map<string, GraphNode>(), edges: new Map<string, GraphEdge>() };
    let held = heldStateOf(serializeGraph(graph([], [])));
    for (const [i, g] of graphs.entries()) {
      if (i % 3 === 1) continue; // a skipped tick: the next delta covers both changes
      applyDelta(client, diffGraph(held, g));
      held = heldStateOf(g);
      expect([...client.nodes.values()].sort((x, y) => x.id.localeCompare(y.id))).toEqual(g.graph.nodes);
      expect([...client.edges.values()].sort((x, y) => x.id.localeCompare(y.id))).toEqual(g.graph.edges);
    }
  });
});
