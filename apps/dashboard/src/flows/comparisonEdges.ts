// Which graph edges the comparison view sets side by side for a service: the primary edges (its
// routed traffic to each version) and the mirror edges (the shadow copies), from a versioned-app
// graph of its namespace. Without a service node (a workload graph), edges into the app's nodes.
import type { GraphEdge, GraphNode, GraphResponse } from '@shadowmesh/api';

export interface ComparedEdge {
  edge: GraphEdge;
  /** `httpbin v1`: the node the edge goes to. */
  target: string;
}

export interface ComparisonEdges {
  primary: ComparedEdge[];
  mirror: ComparedEdge[];
}

function describe(edge: GraphEdge, nodes: Map<string, GraphNode>): ComparedEdge {
  return { edge, target: nodes.get(edge.target)?.label ?? edge.target };
}

/** Busiest first, then by id (a stable order while rates move). */
function byTraffic(a: ComparedEdge, b: ComparedEdge): number {
  return b.edge.traffic.rps - a.edge.traffic.rps || a.edge.id.localeCompare(b.edge.id);
}

export function comparisonEdges(graph: GraphResponse, namespace: string, service: string): ComparisonEdges {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const serviceNode = graph.nodes.find(
    (n) => n.kind === 'service' && n.namespace === namespace && n.service === service,
  );
  let primary: GraphEdge[];
  let mirror: GraphEdge[];
  if (serviceNode) {
    primary = graph.edges.filter((e) => e.source === serviceNode.id && !e.mirror);
    mirror = graph.edges.filter((e) => e.source === serviceNode.id && e.mirror);
  } else {
    const isApp = (id: string) => {
      const node = nodes.get(id);
      return node?.namespace === namespace && (node.app === service || node.service === service);
    };
    primary = graph.edges.filter((e) => !e.mirror && isApp(e.target));
    const callers = new Set(primary.map((e) => e.source));
    mirror = graph.edges.filter((e) => e.mirror && callers.has(e.source));
  }
  return {
    primary: primary.map((e) => describe(e, nodes)).sort(byTraffic),
    mirror: mirror.map((e) => describe(e, nodes)).sort(byTraffic),
  };
}
