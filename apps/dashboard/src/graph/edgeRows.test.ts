import { describe, expect, it } from 'vitest';
import { edgeRows } from './edgeRows';
import { httpbinGraph, testNode } from './testGraph';

const none = { hiddenNodes: new Set<string>(), hiddenEdges: new Set<string>(), found: new Set<string>() };

describe('edgeRows', () => {
  it('lists every edge sorted by source and target, primary before mirror, with formatted cells', () => {
    const rows = edgeRows(httpbinGraph(), none);
    expect(rows.map((r) => `${r.cells.from} → ${r.cells.to} (${r.cells.type})`)).toEqual([
      'client → httpbin (primary)',
      'httpbin → httpbin v1 (primary, weight 90%)',
      'httpbin → httpbin v2 (primary, weight 10%)',
      'httpbin → httpbin v2 (mirror 100%)',
    ]);
    const v1 = rows[1];
    expect(v1?.cells.share).toBe('90% / obs 89.4%');
    expect(v1?.share).toBe(0.894);
    expect(v1?.configuredWeight).toBe(90);
    const mirror = rows[3];
    expect(mirror).toMatchObject({ mirror: true, rps: 10, mirrorPercentage: 100, configuredWeight: null });
    expect(mirror?.cells).toMatchObject({ rate: '10 rps', errors: '5%', p95: '40ms' });
    expect(mirror?.cells.divergence).toBe('not compared yet');
    expect(v1?.cells.divergence).toBe('');
  });

  it("shows a mirror edge's divergence", () => {
    const graph = httpbinGraph();
    const edge = graph.edges.find((e) => e.mirror);
    if (edge) edge.divergence = { compared: 40, divergent: 10, ratio: 0.25 };
    const mirror = edgeRows(graph, none).find((r) => r.mirror);
    expect(mirror?.cells.divergence).toBe('⚠ 25% diverge');
  });

  it('leaves hidden edges out and marks found ones', () => {
    const rows = edgeRows(httpbinGraph(), {
      ...none,
      hiddenEdges: new Set(['client->svc:httpbin']),
      found: new Set(['svc:httpbin->httpbin:v2:mirror']),
    });
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.found).map((r) => r.id)).toEqual(['svc:httpbin->httpbin:v2:mirror']);
  });

  it('names the namespace when the graph spans several', () => {
    const graph = httpbinGraph();
    graph.nodes.push(testNode('elsewhere', { namespace: 'other' }));
    expect(edgeRows(graph, none)[0]?.cells.to).toBe('httpbin (default)');
  });
});
