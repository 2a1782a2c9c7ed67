// The Edges table: every visible edge as a row of words and numbers, so the graph can be read
// without the canvas (screen readers, copy and paste, and end-to-end tests).
import type { GraphEdge, GraphNode, GraphResponse, Health } from '@shadowmesh/api';
import type { GraphFilter } from './graphFilter';
import { formatMs, formatPercent, formatRps } from './graphFormat';
import { divergenceText, shareText } from './graphLabels';

export interface EdgeRow {
  id: string;
  source: string;
  target: string;
  mirror: boolean;
  found: boolean;
  health: Health;
  /** Raw numbers (also written as data attributes). */
  rps: number;
  share: number;
  errorRatio: number;
  requests: number;
  configuredWeight: number | null;
  mirrorPercentage: number | null;
  /** Formatted cells. */
  cells: {
    from: string;
    to: string;
    type: string;
    rate: string;
    share: string;
    errors: string;
    p50: string;
    p95: string;
    p99: string;
    /** Mirror edges: how the copies' answers compare with the primaries' (empty for primary edges). */
    divergence: string;
  };
}

function nodeName(node: GraphNode | undefined, id: string, namespaces: number): string {
  if (!node) return id;
  return namespaces > 1 ? `${node.label} (${node.namespace})` : node.label;
}

function typeOf(edge: GraphEdge): string {
  if (edge.mirror) return edge.mirrorPercentage === undefined ? 'mirror' : `mirror ${edge.mirrorPercentage}%`;
  return edge.configuredWeight === undefined ? 'primary' : `primary, weight ${edge.configuredWeight}%`;
}

/** Visible edges, sorted by source then target name, primary before mirror. */
export function edgeRows(graph: GraphResponse, filter: GraphFilter): EdgeRow[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const namespaces = new Set(graph.nodes.map((n) => n.namespace)).size;
  const rows = graph.edges
    .filter((edge) => !filter.hiddenEdges.has(edge.id))
    .map(
      (edge): EdgeRow => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        mirror: edge.mirror,
        found: filter.found.has(edge.id),
        health: edge.health,
        rps: edge.traffic.rps,
        share: edge.traffic.share,
        errorRatio: edge.traffic.errorRatio,
        requests: edge.traffic.requests,
        configuredWeight: edge.configuredWeight ?? null,
        mirrorPercentage: edge.mirrorPercentage ?? null,
        cells: {
          from: nodeName(nodes.get(edge.source), edge.source, namespaces),
          to: nodeName(nodes.get(edge.target), edge.target, namespaces),
          type: typeOf(edge),
          rate: `${formatRps(edge.traffic.rps)} rps`,
          share: shareText(edge),
          errors: formatPercent(edge.traffic.errorRatio),
          p50: formatMs(edge.traffic.p50Ms),
          p95: formatMs(edge.traffic.p95Ms),
          p99: formatMs(edge.traffic.p99Ms),
          divergence: edge.mirror ? divergenceText(edge.divergence) || 'not compared yet' : '',
        },
      }),
    );
  return rows.sort(
    (a, b) =>
      a.cells.from.localeCompare(b.cells.from) ||
      a.cells.to.localeCompare(b.cells.to) ||
      Number(a.mirror) - Number(b.mirror),
  );
}
