import { describe, expect, it } from 'vitest';
import { findSelection, selectionLinks, serviceOf } from './selection';
import { httpbinGraph, testNode } from './testGraph';

describe('findSelection', () => {
  const graph = httpbinGraph();

  it('finds a node with its edges in and out', () => {
    const selection = findSelection(graph, 'svc:httpbin');
    expect(selection?.kind).toBe('node');
    if (selection?.kind !== 'node') return;
    expect(selection.incoming.map((e) => e.source)).toEqual(['client']);
    expect(selection.outgoing).toHaveLength(3);
  });

  it('finds an edge with its ends', () => {
    const selection = findSelection(graph, 'svc:httpbin->httpbin:v2:mirror');
    expect(selection?.kind).toBe('edge');
    if (selection?.kind !== 'edge') return;
    expect(selection.source?.id).toBe('svc:httpbin');
    expect(selection.target?.id).toBe('httpbin:v2');
  });

  it('is null for nothing or an id the graph does not hold', () => {
    expect(findSelection(graph, '')).toBeNull();
    expect(findSelection(graph, 'gone')).toBeNull();
  });
});

describe('serviceOf and selectionLinks', () => {
  it('a service node is its own service; a version belongs to its app', () => {
    expect(serviceOf(testNode('s', { kind: 'service', service: 'reviews', namespace: 'bookinfo' }))).toEqual({
      namespace: 'bookinfo',
      name: 'reviews',
    });
    expect(serviceOf(testNode('v', { app: 'reviews' }))).toEqual({ namespace: 'default', name: 'reviews' });
    expect(serviceOf(testNode('w', { kind: 'workload', workload: 'sleep' }))).toBeNull();
  });

  it('links a node to its service page', () => {
    const selection = findSelection(httpbinGraph(), 'httpbin:v1');
    expect(selection && selectionLinks(selection)).toEqual([
      { label: 'Service httpbin: config and traffic editor', to: '/namespaces/default/services/httpbin' },
    ]);
  });

  it("links an edge to its target's service page", () => {
    const selection = findSelection(httpbinGraph(), 'svc:httpbin->httpbin:v2:mirror');
    const links = selection ? selectionLinks(selection) : [];
    expect(links.map((l) => l.to)).toEqual(['/namespaces/default/services/httpbin']);
  });

  it('has no links without a service', () => {
    const selection = findSelection(httpbinGraph(), 'client');
    expect(selection && selectionLinks(selection)).toEqual([]);
  });
});
