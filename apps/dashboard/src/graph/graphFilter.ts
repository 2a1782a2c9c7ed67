// Find and hide over a graph (Kiali's semantics): found elements are highlighted; hidden nodes take
// their edges with them, hidden edges take away nodes left without any edge, and a box goes when
// all it holds is hidden. A hidden element is never "found".
import type { GraphResponse } from '@shadowmesh/api';
import type { FindExpression } from './findExpression';

export interface GraphFilter {
  hiddenNodes: ReadonlySet<string>;
  hiddenEdges: ReadonlySet<string>;
  /** Node and edge ids the find expression matched (visible ones only). */
  found: ReadonlySet<string>;
}

export function filterGraph(
  graph: GraphResponse,
  find: FindExpression | null,
  hide: FindExpression | null,
): GraphFilter {
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();
  if (hide) {
    for (const node of graph.nodes) if (hide.matches({ kind: 'node', node })) hiddenNodes.add(node.id);
    // A hidden box hides what it holds.
    for (const node of graph.nodes) if (node.parent && hiddenNodes.has(node.parent)) hiddenNodes.add(node.id);
    const degree = new Map<string, number>();
    const visibleDegree = new Map<string, number>();
    for (const edge of graph.edges) {
      for (const end of [edge.source, edge.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
      const hidden =
        hiddenNodes.has(edge.source) || hiddenNodes.has(edge.target) || hide.matches({ kind: 'edge', edge });
      if (hidden) hiddenEdges.add(edge.id);
      else
        for (const end of [edge.source, edge.target])
          visibleDegree.set(end, (visibleDegree.get(end) ?? 0) + 1);
    }
    for (const node of graph.nodes) {
      if (node.kind !== 'box' && (degree.get(node.id) ?? 0) > 0 && !visibleDegree.get(node.id)) {
        hiddenNodes.add(node.id);
      }
    }
    const shownChildren = new Map<string, number>();
    for (const node of graph.nodes) {
      if (node.parent && !hiddenNodes.has(node.id)) {
        shownChildren.set(node.parent, (shownChildren.get(node.parent) ?? 0) + 1);
      }
    }
    for (const node of graph.nodes) {
      if (node.kind === 'box' && !shownChildren.get(node.id)) hiddenNodes.add(node.id);
    }
  }
  const found = new Set<string>();
  if (find) {
    for (const node of graph.nodes) {
      if (!hiddenNodes.has(node.id) && find.matches({ kind: 'node', node })) found.add(node.id);
    }
    for (const edge of graph.edges) {
      if (!hiddenEdges.has(edge.id) && find.matches({ kind: 'edge', edge })) found.add(edge.id);
    }
  }
  return { hiddenNodes, hiddenEdges, found };
}
