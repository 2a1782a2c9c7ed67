import { describe, expect, it } from 'vitest';
import { applyDelta } from './stream/applyDelta';
import { syntheticGraph, syntheticTick } from './syntheticGraph';

describe('syntheticGraph', () => {
  const graph = syntheticGraph({ nodes: 1000, edges: 2000, seed: 42 });

  it('has the asked-for size', () => {
    expect(graph.nodes).toHaveLength(1000);
    expect(graph.edges).toHaveLength(2000);
  });

  it('is well formed: unique ids, edges and parents point at nodes that exist', () => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(ids.size).toBe(graph.nodes.length);
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
    for (const edge of graph.edges) {
      expect(ids.has(edge.source)).toBe(true);
      expect(ids.has(edge.target)).toBe(true);
    }
    for (const node of graph.nodes) if (node.parent) expect(ids.has(node.parent)).toBe(true);
  });

  it('has boxes, weighted routes and mirror edges', () => {
    expect(graph.nodes.some((n) => n.kind === 'box')).toBe(true);
    expect(graph.edges.some((e) => e.configuredWeight !== undefined)).toBe(true);
    expect(graph.edges.some((e) => e.mirror)).toBe(true);
  });

  it('is the same for the same seed', () => {
    expect(syntheticGraph({ nodes: 200, edges: 400, seed: 3 })).toEqual(
      syntheticGraph({ nodes: 200, edges: 400, seed: 3 }),
    );
  });

  it('ticks move rates and keep the shape', () => {
    const next = applyDelta(graph, syntheticTick(graph, 1));
    expect(next.edges.map((e) => e.id)).toEqual(graph.edges.map((e) => e.id));
    expect(next.edges.some((e, i) => e.traffic.rps !== graph.edges[i]?.traffic.rps)).toBe(true);
  });
});
