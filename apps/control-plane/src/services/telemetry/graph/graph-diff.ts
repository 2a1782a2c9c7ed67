// Graph deltas for the stream: what changed between the state a client holds and the newest graph.
// Elements are compared by their JSON, serialized once per graph and shared by every client of a view.
import type { GraphEdge, GraphNode, GraphResponse } from '@shadowmesh/api';

/** A graph with each element's JSON, keyed by id. */
export interface SerializedGraph {
  graph: GraphResponse;
  nodes: Map<string, { json: string; value: GraphNode }>;
  edges: Map<string, { json: string; value: GraphEdge }>;
}

/** What a client holds: element id → the JSON it was last sent. */
export interface HeldState {
  nodes: ReadonlyMap<string, string>;
  edges: ReadonlyMap<string, string>;
}

export interface GraphDelta {
  upsertNodes: GraphNode[];
  removeNodes: string[];
  upsertEdges: GraphEdge[];
  removeEdges: string[];
}

export function serializeGraph(graph: GraphResponse): SerializedGraph {
  return {
    graph,
    nodes: new Map(graph.nodes.map((n) => [n.id, { json: JSON.stringify(n), value: n }])),
    edges: new Map(graph.edges.map((e) => [e.id, { json: JSON.stringify(e), value: e }])),
  };
}

/** The state a client holds once it has applied `next`. */
export function heldStateOf(next: SerializedGraph): HeldState {
  return {
    nodes: new Map([...next.nodes].map(([id, n]) => [id, n.json])),
    edges: new Map([...next.edges].map(([id, e]) => [id, e.json])),
  };
}

/** Elements new or changed in `next` (upserts) and gone from it (removals), relative to `held`. */
export function diffGraph(held: HeldState, next: SerializedGraph): GraphDelta {
  const delta: GraphDelta = { upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] };
  for (const [id, n] of next.nodes) if (held.nodes.get(id) !== n.json) delta.upsertNodes.push(n.value);
  for (const id of held.nodes.keys()) if (!next.nodes.has(id)) delta.removeNodes.push(id);
  for (const [id, e] of next.edges) if (held.edges.get(id) !== e.json) delta.upsertEdges.push(e.value);
  for (const id of held.edges.keys()) if (!next.edges.has(id)) delta.removeEdges.push(id);
  return delta;
}

/** Applies a delta to a held state (what a client does; used by tests to check deltas compose). */
export function applyDelta(
  held: { nodes: Map<string, GraphNode>; edges: Map<string, GraphEdge> },
  delta: GraphDelta,
): void {
  for (const id of delta.removeNodes) held.nodes.delete(id);
  for (const id of delta.removeEdges) held.edges.delete(id);
  for (const n of delta.upsertNodes) held.nodes.set(n.id, n);
  for (const e of delta.upsertEdges) held.edges.set(e.id, e);
}
