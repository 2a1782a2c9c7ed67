// A stream delta applied to the graph it follows: upserts replace by id (new ones are appended, so
// existing elements keep their order), removals drop by id, and edges left without an end go too.
import type { GraphResponse, GraphStreamMessage } from '@shadowmesh/api';

export type GraphDelta = Extract<GraphStreamMessage, { type: 'delta' }>;

function upsert<T extends { id: string }>(
  items: readonly T[],
  updates: readonly T[],
  removed: ReadonlySet<string>,
): T[] {
  const byId = new Map(updates.map((u) => [u.id, u]));
  const out: T[] = [];
  for (const item of items) {
    if (removed.has(item.id)) continue;
    const update = byId.get(item.id);
    out.push(update ?? item);
    byId.delete(item.id);
  }
  for (const added of byId.values()) if (!removed.has(added.id)) out.push(added);
  return out;
}

/** A new GraphResponse (the old one is not changed, as react-query's cache wants). */
export function applyDelta(graph: GraphResponse, delta: GraphDelta): GraphResponse {
  const nodes = upsert(graph.nodes, delta.upsertNodes, new Set(delta.removeNodes));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = upsert(graph.edges, delta.upsertEdges, new Set(delta.removeEdges)).filter(
    (e) => ids.has(e.source) && ids.has(e.target),
  );
  return { ...graph, timestamp: delta.timestamp, nodes, edges };
}
