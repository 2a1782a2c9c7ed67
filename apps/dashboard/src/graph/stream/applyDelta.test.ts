import { describe, expect, it } from 'vitest';
import { httpbinGraph, testEdge, testNode } from '../testGraph';
import { applyDelta, type GraphDelta } from './applyDelta';

function delta(fields: Partial<GraphDelta>): GraphDelta {
  return {
    type: 'delta',
    seq: 2,
    timestamp: '2026-01-01T00:00:01.000Z',
    upsertNodes: [],
    removeNodes: [],
    upsertEdges: [],
    removeEdges: [],
    ...fields,
  };
}

describe('applyDelta', () => {
  it('replaces upserted elements in place and appends new ones', () => {
    const graph = httpbinGraph();
    const updated = testEdge('client', 'svc:httpbin', { traffic: { rps: 42 } });
    const added = testNode('httpbin:v3', { parent: 'box:httpbin', version: 'v3' });
    const next = applyDelta(graph, delta({ upsertEdges: [updated], upsertNodes: [added] }));
    expect(next.timestamp).toBe('2026-01-01T00:00:01.000Z');
    expect(next.edges[0]?.traffic.rps).toBe(42);
    expect(next.edges.map((e) => e.id)).toEqual(graph.edges.map((e) => e.id));
    expect(next.nodes.at(-1)?.id).toBe('httpbin:v3');
    expect(next.nodes).toHaveLength(graph.nodes.length + 1);
  });

  it('removes by id and drops edges left without an end', () => {
    const graph = httpbinGraph();
    const next = applyDelta(
      graph,
      delta({ removeNodes: ['httpbin:v2'], removeEdges: ['client->svc:httpbin'] }),
    );
    expect(next.nodes.some((n) => n.id === 'httpbin:v2')).toBe(false);
    expect(next.edges.map((e) => e.id)).toEqual(['svc:httpbin->httpbin:v1']);
  });

  it('does not change the graph it was given', () => {
    const graph = httpbinGraph();
    const before = JSON.stringify(graph);
    applyDelta(graph, delta({ removeNodes: ['client'], upsertNodes: [testNode('x')] }));
    expect(JSON.stringify(graph)).toBe(before);
  });

  it('a removal wins over an upsert of the same id', () => {
    const next = applyDelta(httpbinGraph(), delta({ upsertNodes: [testNode('x')], removeNodes: ['x'] }));
    expect(next.nodes.some((n) => n.id === 'x')).toBe(false);
  });
});
