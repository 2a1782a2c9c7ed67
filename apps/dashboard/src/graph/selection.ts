// What the side panel shows for the selected node or edge: the element, its neighbours' edges, the
// service it belongs to (for config and links), and the links themselves.
import type { GraphEdge, GraphNode, GraphNodeKind, GraphResponse } from '@shadowmesh/api';
import { servicePath } from '../services/servicePath';

export type Selection =
  | { kind: 'node'; node: GraphNode; incoming: GraphEdge[]; outgoing: GraphEdge[] }
  | { kind: 'edge'; edge: GraphEdge; source: GraphNode | undefined; target: GraphNode | undefined };

export function findSelection(graph: GraphResponse, id: string): Selection | null {
  if (!id) return null;
  const node = graph.nodes.find((n) => n.id === id);
  if (node) {
    return {
      kind: 'node',
      node,
      incoming: graph.edges.filter((e) => e.target === id),
      outgoing: graph.edges.filter((e) => e.source === id),
    };
  }
  const edge = graph.edges.find((e) => e.id === id);
  if (!edge) return null;
  return {
    kind: 'edge',
    edge,
    source: graph.nodes.find((n) => n.id === edge.source),
    target: graph.nodes.find((n) => n.id === edge.target),
  };
}

export interface ServiceRef {
  namespace: string;
  name: string;
}

/** The service a node stands for or belongs to: its own for service nodes, its app's otherwise. */
export function serviceOf(node: GraphNode | undefined): ServiceRef | null {
  if (!node) return null;
  const name = node.service ?? node.app;
  return name ? { namespace: node.namespace, name } : null;
}

/** An edge's service is the one its calls go to (for a mirror edge, the mirror target's). */
export function serviceOfSelection(selection: Selection): ServiceRef | null {
  return selection.kind === 'node' ? serviceOf(selection.node) : serviceOf(selection.target);
}

export interface SelectionLink {
  label: string;
  to: string;
}

/** The service page of the selection's service (the panel adds flows and comparison links). */
export function selectionLinks(selection: Selection): SelectionLink[] {
  const service = serviceOfSelection(selection);
  if (!service) return [];
  return [
    {
      label: `Service ${service.name}: config and traffic editor`,
      to: servicePath(service.namespace, service.name),
    },
  ];
}

export const KIND_NAMES: Record<GraphNodeKind, string> = {
  service: 'Service',
  app: 'App',
  workload: 'Workload',
  gateway: 'Gateway',
  unknown: 'Unknown',
  box: 'App box',
};
