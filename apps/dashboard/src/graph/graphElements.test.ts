import { describe, expect, it } from 'vitest';
import { parseExpression } from './findExpression';
import { edgeWidth, graphElements, MAX_EDGE_WIDTH, MIN_EDGE_WIDTH } from './graphElements';
import { filterGraph } from './graphFilter';
import { httpbinGraph, testEdge, testNode } from './testGraph';

function expression(text: string) {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(result.error);
  return result.expression;
}

const noFilter = { hiddenNodes: new Set<string>(), hiddenEdges: new Set<string>(), found: new Set<string>() };

describe('edgeWidth', () => {
  it('is thinnest for idle edges and widest for the busiest', () => {
    expect(edgeWidth(0, 100)).toBe(MIN_EDGE_WIDTH);
    expect(edgeWidth(100, 100)).toBe(MAX_EDGE_WIDTH);
    expect(edgeWidth(5, 0)).toBe(MIN_EDGE_WIDTH);
  });

  it('grows with the rate', () => {
    const widths = [0.1, 1, 10, 50, 100].map((rps) => edgeWidth(rps, 100));
    expect([...widths].sort((a, b) => a - b)).toEqual(widths);
    expect(new Set(widths).size).toBe(widths.length);
  });
});

describe('graphElements', () => {
  it('draws a version inside its app box as an app (the control plane sends it as a workload)', () => {
    const graph = httpbinGraph();
    for (const node of graph.nodes) if (node.parent === 'box:httpbin') node.kind = 'workload';
    const { nodes } = graphElements(graph, { edgeLabel: 'share', filter: noFilter });
    expect(nodes.find((n) => n.data.id === 'httpbin:v2')?.classes).toBe(
      'kind-workload health-degraded versioned-app',
    );
    expect(nodes.find((n) => n.data.id === 'client')?.classes).not.toContain('versioned-app');
  });

  it('maps nodes (boxes first, with parents) and edges with labels, health and mirror flags', () => {
    const { nodes, edges } = graphElements(httpbinGraph(), { edgeLabel: 'share', filter: noFilter });
    expect(nodes[0]?.data).toMatchObject({ id: 'box:httpbin', kind: 'box' });
    const v2 = nodes.find((n) => n.data.id === 'httpbin:v2');
    expect(v2?.data.parent).toBe('box:httpbin');
    expect(v2?.classes).toBe('kind-app health-degraded');
    const client = nodes.find((n) => n.data.id === 'client');
    expect(client?.classes).toBe('kind-workload health-healthy root');
    const service = nodes.find((n) => n.data.id === 'svc:httpbin');
    expect(service?.data.label).toBe('httpbin\n❐ ⚖');

    const v1Edge = edges.find((e) => e.data.id === 'svc:httpbin->httpbin:v1');
    expect(v1Edge?.data.label).toBe('90% / obs 89.4%');
    expect(v1Edge?.classes).toBe('health-healthy weighted');
    const mirror = edges.find((e) => e.data.mirror);
    expect(mirror?.classes).toBe('health-degraded mirror');
    expect(mirror?.data.label).toMatch(/^❐ mirror 100%\n10 rps · 5% err · p95 40ms$/);
    expect(mirror?.data.width).toBe(MAX_EDGE_WIDTH);
  });

  it('drops a parent the graph does not hold, and edges whose ends are missing', () => {
    const graph = httpbinGraph();
    graph.nodes.push(testNode('orphan', { parent: 'box:gone' }));
    graph.edges.push(testEdge('client', 'nowhere'));
    const { nodes, edges } = graphElements(graph, { edgeLabel: 'rps', filter: noFilter });
    expect(nodes.find((n) => n.data.id === 'orphan')?.data.parent).toBeUndefined();
    expect(edges.some((e) => e.data.target === 'nowhere')).toBe(false);
  });

  it('marks found and hidden elements', () => {
    const graph = httpbinGraph();
    const filter = filterGraph(graph, expression('mirror'), expression('version = v1'));
    const { nodes, edges } = graphElements(graph, { edgeLabel: 'rps', filter });
    expect(nodes.find((n) => n.data.id === 'httpbin:v1')?.classes).toContain('hidden');
    expect(nodes.find((n) => n.data.id === 'svc:httpbin')?.classes).toContain('found');
    expect(edges.find((e) => e.data.id === 'svc:httpbin->httpbin:v1')?.classes).toContain('hidden');
    expect(edges.find((e) => e.data.mirror)?.classes).toContain('found');
  });
});

describe('filterGraph', () => {
  it('hiding a node hides its edges; hiding edges hides nodes left without any', () => {
    const graph = httpbinGraph();
    const byNode = filterGraph(graph, null, expression('version = v2'));
    expect([...byNode.hiddenNodes]).toEqual(['httpbin:v2']);
    expect([...byNode.hiddenEdges].sort()).toEqual([
      'svc:httpbin->httpbin:v2',
      'svc:httpbin->httpbin:v2:mirror',
    ]);

    const byEdge = filterGraph(graph, null, expression('mirrorpercentage > 0 OR weight = 10'));
    expect(byEdge.hiddenNodes.has('httpbin:v2')).toBe(true);
    expect(byEdge.hiddenNodes.has('svc:httpbin')).toBe(false);
    expect(byEdge.hiddenNodes.has('httpbin:v1')).toBe(false);
  });

  it('a box goes with all it holds, and what a hidden box holds goes with it', () => {
    const graph = httpbinGraph();
    const versions = filterGraph(graph, null, expression('version startswith v'));
    expect(versions.hiddenNodes.has('box:httpbin')).toBe(true);
    const box = filterGraph(graph, null, expression('box'));
    expect(box.hiddenNodes.has('httpbin:v1')).toBe(true);
    expect(box.hiddenNodes.has('httpbin:v2')).toBe(true);
  });

  it('never reports a hidden element as found', () => {
    const graph = httpbinGraph();
    const filter = filterGraph(graph, expression('version = v2'), expression('version = v2'));
    expect(filter.found.size).toBe(0);
  });
});
