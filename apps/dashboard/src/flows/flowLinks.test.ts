import { describe, expect, it } from 'vitest';
import { findSelection } from '../graph/selection';
import { httpbinGraph, testNode } from '../graph/testGraph';
import { comparedService, comparisonPath, flowsLink, selectionFlowFilter } from './flowLinks';

const graph = httpbinGraph();
const select = (id: string) => {
  const selection = findSelection(graph, id);
  if (!selection) throw new Error(`no ${id}`);
  return selection;
};
const edgeId = (source: string, target: string, mirror = false) =>
  graph.edges.find((e) => e.source === source && e.target === target && e.mirror === mirror)?.id ?? '';

describe('flowsLink / comparisonPath', () => {
  it('puts the filter and the open flow in the URL', () => {
    expect(flowsLink({ service: 'httpbin', path: '/anything' }, 'req 1')).toBe(
      '/flows?service=httpbin&path=%2Fanything&flow=req+1',
    );
    expect(flowsLink({})).toBe('/flows');
  });

  it('links the comparison view under the service page', () => {
    expect(comparisonPath('default', 'http bin')).toBe('/namespaces/default/services/http%20bin/comparison');
  });
});

describe('selectionFlowFilter', () => {
  it('filters a service node by its service, a workload node by its workload', () => {
    expect(selectionFlowFilter(select('svc:httpbin'))).toEqual({ namespace: 'default', service: 'httpbin' });
    expect(selectionFlowFilter(select('client'))).toEqual({ namespace: 'default', workload: 'client' });
    // A versioned app node without a workload: its app.
    expect(selectionFlowFilter(select('httpbin:v1'))).toEqual({ namespace: 'default', service: 'httpbin' });
    expect(selectionFlowFilter(select('box:httpbin'))).toEqual({ namespace: 'default', service: 'httpbin' });
  });

  it('filters an edge by its destination, and by the caller when it calls a service', () => {
    expect(selectionFlowFilter(select(edgeId('client', 'svc:httpbin')))).toEqual({
      namespace: 'default',
      service: 'httpbin',
      workload: 'client',
    });
    const withWorkload = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'httpbin:v2' ? { ...n, workload: 'httpbin-v2' } : n)),
    };
    const mirror = findSelection(withWorkload, edgeId('svc:httpbin', 'httpbin:v2', true));
    expect(mirror && selectionFlowFilter(mirror)).toEqual({ namespace: 'default', workload: 'httpbin-v2' });
  });
});

describe('comparedService', () => {
  it('compares the primary service of a mirror edge and a mirroring service node', () => {
    const expected = { namespace: 'default', name: 'httpbin' };
    expect(comparedService(select(edgeId('svc:httpbin', 'httpbin:v2', true)))).toEqual(expected);
    expect(comparedService(select('svc:httpbin'))).toEqual(expected);
  });

  it('has nothing to compare for primary edges and other nodes', () => {
    expect(comparedService(select(edgeId('svc:httpbin', 'httpbin:v1')))).toBeNull();
    expect(comparedService(select('client'))).toBeNull();
    const plain = {
      ...graph,
      nodes: [...graph.nodes, testNode('svc:other', { kind: 'service', service: 'other' })],
    };
    const other = findSelection(plain, 'svc:other');
    expect(other && comparedService(other)).toBeNull();
  });

  it('falls back to the target app when a mirror edge does not start at a service node', () => {
    const workloadGraph = {
      ...graph,
      edges: [...graph.edges, { ...graph.edges[3]!, id: 'm2', source: 'client' }],
    };
    const selection = findSelection(workloadGraph, 'm2');
    expect(selection && comparedService(selection)).toEqual({ namespace: 'default', name: 'httpbin' });
  });
});
