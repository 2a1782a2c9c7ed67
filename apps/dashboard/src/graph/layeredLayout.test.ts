import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT_SPACING, layeredLayout } from './layeredLayout';
import { syntheticGraph } from './syntheticGraph';

const { rank, node } = DEFAULT_LAYOUT_SPACING;
const edge = (source: string, target: string) => ({ source, target });

describe('layeredLayout', () => {
  it('flows left to right, one rank per hop', () => {
    const at = layeredLayout(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [edge('a', 'b'), edge('b', 'c'), edge('a', 'c')],
    );
    expect(at.get('a')?.x).toBe(0);
    expect(at.get('b')?.x).toBe(rank);
    // The longest path decides: c comes after b although a calls it directly.
    expect(at.get('c')?.x).toBe(2 * rank);
  });

  it('keeps the versions of an app box together, in one rank, one under the other', () => {
    const at = layeredLayout(
      [{ id: 'svc' }, { id: 'v1', group: 'box' }, { id: 'v2', group: 'box' }, { id: 'other' }],
      [edge('svc', 'v1'), edge('svc', 'v2'), edge('svc', 'other')],
    );
    expect(at.get('v1')?.x).toBe(rank);
    expect(at.get('v2')?.x).toBe(rank);
    expect((at.get('v2')?.y ?? 0) - (at.get('v1')?.y ?? 0)).toBe(node);
  });

  it('orders a rank by where its callers are (fewer crossings)', () => {
    const at = layeredLayout(
      [{ id: 'a1' }, { id: 'a2' }, { id: 'b1' }, { id: 'b2' }],
      [edge('a1', 'b2'), edge('a2', 'b1')],
    );
    expect(at.get('a1')?.y).toBeLessThan(at.get('a2')?.y ?? 0);
    expect(at.get('b2')?.y).toBeLessThan(at.get('b1')?.y ?? 0);
  });

  it('places every node of a cycle, and nodes with no edges', () => {
    const at = layeredLayout(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'alone' }],
      [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('a', 'a')],
    );
    expect([...at.keys()].sort()).toEqual(['a', 'alone', 'b', 'c']);
    expect(new Set([...at.values()].map((p) => `${p.x},${p.y}`)).size).toBe(4);
  });

  it('lays out a 1,000-node graph with boxes without two nodes on one spot', () => {
    const graph = syntheticGraph({ nodes: 1000, edges: 2000, seed: 7 });
    const leaves = graph.nodes.filter((n) => n.kind !== 'box');
    const at = layeredLayout(
      leaves.map((n) => (n.parent ? { id: n.id, group: n.parent } : { id: n.id })),
      graph.edges,
    );
    expect(at.size).toBe(leaves.length);
    expect(new Set([...at.values()].map((p) => `${p.x},${p.y}`)).size).toBe(leaves.length);
    // Calls flow downstream in the synthetic mesh: every edge goes right.
    for (const e of graph.edges) expect(at.get(e.target)?.x).toBeGreaterThan(at.get(e.source)?.x ?? 0);
    // Spread to a landscape shape, not a thin strip of tall columns.
    const xs = [...at.values()].map((p) => p.x);
    const ys = [...at.values()].map((p) => p.y);
    const aspect = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    expect(aspect).toBeGreaterThan(1.2);
    expect(aspect).toBeLessThan(2);
  });
});
