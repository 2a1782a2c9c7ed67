import { describe, expect, it } from 'vitest';
import { httpbinGraph, testEdge, testNode } from '../graph/testGraph';
import { comparisonEdges } from './comparisonEdges';

describe('comparisonEdges', () => {
  it('takes the service node’s routed edges and mirror edges, busiest first', () => {
    const { primary, mirror } = comparisonEdges(httpbinGraph(), 'default', 'httpbin');
    expect(primary.map((p) => [p.target, p.edge.traffic.rps])).toEqual([
      ['httpbin v1', 9],
      ['httpbin v2', 1],
    ]);
    expect(mirror.map((m) => [m.target, m.edge.mirror])).toEqual([['httpbin v2', true]]);
  });

  it('finds nothing for a service that is not in the graph or another namespace', () => {
    expect(comparisonEdges(httpbinGraph(), 'default', 'reviews')).toEqual({ primary: [], mirror: [] });
    expect(comparisonEdges(httpbinGraph(), 'other', 'httpbin')).toEqual({ primary: [], mirror: [] });
  });

  it('uses the edges into the app’s nodes when there is no service node', () => {
    const graph = {
      ...httpbinGraph(),
      nodes: [
        testNode('client', { workload: 'client' }),
        testNode('wl:v1', { label: 'httpbin-v1', app: 'httpbin' }),
        testNode('wl:v2', { label: 'httpbin-v2', app: 'httpbin' }),
        testNode('other', { label: 'other', app: 'other' }),
      ],
      edges: [
        testEdge('client', 'wl:v1'),
        testEdge('client', 'wl:v2', { mirror: true }),
        testEdge('other', 'wl:v2', { mirror: true }),
      ],
    };
    const { primary, mirror } = comparisonEdges(graph, 'default', 'httpbin');
    expect(primary.map((p) => p.target)).toEqual(['httpbin-v1']);
    expect(mirror.map((m) => `${m.edge.source}→${m.target}`)).toEqual(['client→httpbin-v2']);
  });
});
