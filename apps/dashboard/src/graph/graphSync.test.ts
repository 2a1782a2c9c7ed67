// A real (headless) cytoscape instance with the real stylesheet and layout.

import type { GraphResponse } from '@shadowmesh/api';
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { graphElements } from './graphElements';
import { filterGraph } from './graphFilter';
import { graphStylesheet, LEAST_DETAIL } from './graphStyles';

import { syncGraph } from './graphSync';
import { httpbinGraph, testEdge, testNode } from './testGraph';

let cy: Core | null = null;

function newCy(): Core {
  cy = cytoscape({ headless: true, styleEnabled: true, style: graphStylesheet });
  return cy;
}

afterEach(() => {
  cy?.destroy();
  cy = null;
});

const elementsOf = (graph: GraphResponse, find = new Set<string>()) =>
  graphElements(graph, {
    edgeLabel: 'rps',
    filter: { ...filterGraph(graph, null, null), found: find },
  });

const positions = (core: Core) =>
  Object.fromEntries(
    core
      .nodes()
      .filter((n) => !n.isParent())
      .map((n) => [n.id(), { ...(n as NodeSingular).position() }]),
  );

describe('syncGraph', () => {
  it('draws the first graph with a full layout, boxes around versions', () => {
    const core = newCy();
    const result = syncGraph(core, elementsOf(httpbinGraph()));
    expect(result).toMatchObject({ added: 9, removed: 0, layout: 'full' });
    expect(core.getElementById('httpbin:v1').parent().first().id()).toBe('box:httpbin');
    const client = core.getElementById('client').position();
    const v1 = core.getElementById('httpbin:v1').position();
    // Left to right: the client is left of the service's versions.
    expect(client.x).toBeLessThan(v1.x);
    expect(core.edges('.mirror')).toHaveLength(1);
  });

  it('updates data and classes in place without moving anything', () => {
    const core = newCy();
    const graph = httpbinGraph();
    syncGraph(core, elementsOf(graph));
    const before = positions(core);
    const next = structuredClone(graph);
    const first = next.edges[0];
    if (first) first.traffic.rps = 55;
    const result = syncGraph(core, elementsOf(next, new Set(['client'])));
    expect(result.layout).toBe('none');
    expect(result.added).toBe(0);
    expect(result.updated).toBeGreaterThanOrEqual(2);
    expect(core.getElementById('client->svc:httpbin').data('label')).toBe('55 rps');
    expect(core.getElementById('client').hasClass('found')).toBe(true);
    expect(positions(core)).toEqual(before);
  });

  it('can leave edge labels alone (too small to see) while updating the rest', () => {
    const core = newCy();
    const graph = httpbinGraph();
    syncGraph(core, elementsOf(graph));
    const next = structuredClone(graph);
    const first = next.edges[0];
    if (first) first.traffic.rps = 0;
    const result = syncGraph(core, elementsOf(next), {
      detail: { nodeLabels: true, edgeLabels: false, simpleEdges: false },
    });
    const edge = core.getElementById('client->svc:httpbin');
    expect(edge.data('label')).toBe('10 rps');
    expect(edge.data('width')).toBe(1);
    expect(result.updated).toBe(1);
    syncGraph(core, elementsOf(next));
    expect(edge.data('label')).toBe('0 rps');
  });

  it('adds elements without the labels that cannot be seen, and fills them in later', () => {
    const core = newCy();
    syncGraph(core, elementsOf(httpbinGraph()), { detail: LEAST_DETAIL });
    expect(core.getElementById('client').data('label')).toBe('');
    expect(core.getElementById('client->svc:httpbin').data('label')).toBe('');
    expect(core.getElementById('client->svc:httpbin').hasClass('lod')).toBe(true);
    expect(syncGraph(core, elementsOf(httpbinGraph())).updated).toBe(9);
    expect(core.getElementById('client->svc:httpbin').hasClass('lod')).toBe(false);
    expect(core.getElementById('client').data('label')).toBe('client');
    expect(core.getElementById('client->svc:httpbin').data('label')).toBe('10 rps');
  });

  it('changes nothing when nothing changed', () => {
    const core = newCy();
    syncGraph(core, elementsOf(httpbinGraph()));
    expect(syncGraph(core, elementsOf(httpbinGraph()))).toEqual({
      added: 0,
      removed: 0,
      updated: 0,
      layout: 'none',
    });
  });

  it('places a new node beside its neighbours and leaves the others where they were', () => {
    const core = newCy();
    const graph = httpbinGraph();
    syncGraph(core, elementsOf(graph));
    const before = positions(core);
    const next = structuredClone(graph);
    next.nodes.push(testNode('httpbin:v3', { parent: 'box:httpbin', version: 'v3' }));
    next.edges.push(testEdge('svc:httpbin', 'httpbin:v3'));
    const result = syncGraph(core, elementsOf(next));
    expect(result).toMatchObject({ added: 2, layout: 'incremental' });
    const after = positions(core);
    for (const [id, point] of Object.entries(before)) expect(after[id]).toEqual(point);
    const v3 = after['httpbin:v3'];
    const siblings = [before['httpbin:v1'], before['httpbin:v2']];
    // Stacked in the versions' column, below them.
    expect(v3?.x).toBeCloseTo(((siblings[0]?.x ?? 0) + (siblings[1]?.x ?? 0)) / 2);
    expect(v3?.y).toBeGreaterThan(Math.max(siblings[0]?.y ?? 0, siblings[1]?.y ?? 0));
    expect(core.getElementById('httpbin:v3').parent().first().id()).toBe('box:httpbin');
  });

  it('removes what went, and lays out again when most nodes are new', () => {
    const core = newCy();
    syncGraph(core, elementsOf(httpbinGraph()));
    const other: GraphResponse = {
      ...httpbinGraph(),
      graphType: 'service',
      nodes: [testNode('a', { kind: 'service' }), testNode('b', { kind: 'service' })],
      edges: [testEdge('a', 'b')],
    };
    const result = syncGraph(core, elementsOf(other));
    expect(result).toMatchObject({ removed: 9, added: 3, layout: 'full' });
    expect(
      core
        .elements()
        .map((e) => e.id())
        .sort(),
    ).toEqual(['a', 'a->b', 'b']);
  });

  it('re-adds an edge whose ends changed, and moves a node to its new box', () => {
    const core = newCy();
    const graph = httpbinGraph();
    syncGraph(core, elementsOf(graph));
    const next = structuredClone(graph);
    next.nodes.push(testNode('box:other', { kind: 'box' }));
    const v2 = next.nodes.find((n) => n.id === 'httpbin:v2');
    if (v2) v2.parent = 'box:other';
    const edge = next.edges.find((e) => e.id === 'client->svc:httpbin');
    if (edge) edge.target = 'httpbin:v1';
    syncGraph(core, elementsOf(next));
    expect(core.getElementById('httpbin:v2').parent().first().id()).toBe('box:other');
    expect(core.getElementById('client->svc:httpbin').target().id()).toBe('httpbin:v1');
  });

  it('relayout on request', () => {
    const core = newCy();
    syncGraph(core, elementsOf(httpbinGraph()));
    core.getElementById('client').position({ x: 9999, y: 9999 });
    expect(syncGraph(core, elementsOf(httpbinGraph()), { relayout: true }).layout).toBe('full');
    expect(core.getElementById('client').position().x).not.toBe(9999);
  });
});
