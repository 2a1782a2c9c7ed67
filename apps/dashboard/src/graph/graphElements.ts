// GraphResponse → cytoscape elements: the one place that decides what each element says and which
// classes it carries. The stylesheet (graphStyles.ts) only reads these data fields and classes.
import type { GraphNodeKind, GraphResponse, Health } from '@shadowmesh/api';
import type { GraphFilter } from './graphFilter';
import { edgeLabel, nodeLabel } from './graphLabels';
import type { EdgeLabelMode } from './graphView';

export interface NodeElementData {
  id: string;
  parent?: string;
  kind: GraphNodeKind;
  label: string;
  health: Health;
  namespace: string;
}

export interface EdgeElementData {
  id: string;
  source: string;
  target: string;
  label: string;
  health: Health;
  mirror: boolean;
  /** Line width in px, from the rate relative to the busiest edge (in half pixels, so small rate moves change nothing). */
  width: number;
}

export interface GraphElement<D> {
  group: 'nodes' | 'edges';
  data: D;
  /** Space-separated, as cytoscape takes them. */
  classes: string;
}

export type NodeElement = GraphElement<NodeElementData> & { group: 'nodes' };
export type EdgeElement = GraphElement<EdgeElementData> & { group: 'edges' };

export interface GraphElements {
  nodes: NodeElement[];
  edges: EdgeElement[];
}

export const MIN_EDGE_WIDTH = 1;
export const MAX_EDGE_WIDTH = 6;

/** Width by rate on a log scale relative to the busiest edge (idle edges are thinnest). */
export function edgeWidth(rps: number, maxRps: number): number {
  if (!(rps > 0) || !(maxRps > 0)) return MIN_EDGE_WIDTH;
  const scale = Math.log1p(rps) / Math.log1p(Math.max(rps, maxRps));
  return Math.round((MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * scale) * 2) / 2;
}

export interface ElementOptions {
  edgeLabel: EdgeLabelMode;
  filter: GraphFilter;
}

/**
 * Every node (boxes first, so parents exist before their children) and every edge whose ends exist.
 * Hidden elements stay, with the `hidden` class, so they keep their place when shown again.
 */
export function graphElements(graph: GraphResponse, options: ElementOptions): GraphElements {
  const { filter } = options;
  const ids = new Set(graph.nodes.map((n) => n.id));
  const boxesFirst = [...graph.nodes].sort((a, b) => Number(b.kind === 'box') - Number(a.kind === 'box'));
  const nodes = boxesFirst.map((node): NodeElement => {
    const classes = [`kind-${node.kind}`, `health-${node.health}`];
    if (node.isRoot) classes.push('root');
    // A version inside its app box (versioned-app graphs) is drawn as an app, as Kiali draws it.
    if (node.kind === 'workload' && node.version !== undefined && node.parent?.startsWith('box:'))
      classes.push('versioned-app');
    if (filter.found.has(node.id)) classes.push('found');
    if (filter.hiddenNodes.has(node.id)) classes.push('hidden');
    const data: NodeElementData = {
      id: node.id,
      kind: node.kind,
      label: nodeLabel(node),
      health: node.health,
      namespace: node.namespace,
    };
    // A parent the graph does not hold would make cytoscape refuse the node.
    if (node.parent && node.parent !== node.id && ids.has(node.parent)) data.parent = node.parent;
    return { group: 'nodes', data, classes: classes.join(' ') };
  });
  const drawn = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const maxRps = drawn.reduce((max, e) => Math.max(max, e.traffic.rps), 0);
  const edges = drawn.map((edge): EdgeElement => {
    const classes = [`health-${edge.health}`];
    if (edge.mirror) classes.push('mirror');
    if (edge.configuredWeight !== undefined) classes.push('weighted');
    if (filter.found.has(edge.id)) classes.push('found');
    if (filter.hiddenEdges.has(edge.id)) classes.push('hidden');
    return {
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        label: edgeLabel(edge, options.edgeLabel),
        health: edge.health,
        mirror: edge.mirror,
        width: edgeWidth(edge.traffic.rps, maxRps),
      },
      classes: classes.join(' '),
    };
  });
  return { nodes, edges };
}
