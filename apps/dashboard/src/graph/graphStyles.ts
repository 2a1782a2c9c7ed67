// The cytoscape stylesheet: reads only the data fields and classes graphElements.ts sets. Shapes
// follow Kiali's (service triangle, app rectangle, workload ellipse); colours are health's
// (green / orange / red, grey when idle); mirror edges are dashed purple. Every property costs a
// style pass over every element (doubly so with compound nodes): defaults are left as they are
// (the font, black text, arrow size, horizontal labels) rather than restated.
import type { StylesheetJson } from 'cytoscape';

export const COLORS = {
  healthy: '#3e8635',
  degraded: '#f0ab00',
  failure: '#c9190b',
  idle: '#8a8d90',
  mirror: '#8a4fd8',
  node: '#ffffff',
  nodeBorder: '#5b6576',
  box: '#f3f5f8',
  boxBorder: '#9aa3b2',
  selected: '#2f6fde',
  found: '#f5c12e',
} as const;

/** Label sizes, and the on-screen sizes below which cytoscape does not draw them. */
export const NODE_FONT_SIZE = 11;
export const NODE_MIN_ZOOMED_FONT_SIZE = 7;
export const EDGE_FONT_SIZE = 9;
export const EDGE_MIN_ZOOMED_FONT_SIZE = 6;

/** Below this zoom arrows are a pixel or two: edges are drawn as plain lines (class `lod`). */
export const SIMPLE_EDGES_BELOW_ZOOM = 0.3;

/** How much of the drawing can be seen at a zoom. */
export interface ViewDetail {
  /** Node and edge labels are big enough to be drawn. */
  nodeLabels: boolean;
  edgeLabels: boolean;
  /** Edges as straight lines without arrows (cheaper by a third for 2,000 edges). */
  simpleEdges: boolean;
}

export const FULL_DETAIL: ViewDetail = { nodeLabels: true, edgeLabels: true, simpleEdges: false };
export const LEAST_DETAIL: ViewDetail = { nodeLabels: false, edgeLabels: false, simpleEdges: true };

/** What is worth drawing at this zoom (measuring and updating what cannot be seen is wasted work). */
export function detailAt(zoom: number): ViewDetail {
  return {
    nodeLabels: NODE_FONT_SIZE * zoom >= NODE_MIN_ZOOMED_FONT_SIZE,
    edgeLabels: EDGE_FONT_SIZE * zoom >= EDGE_MIN_ZOOMED_FONT_SIZE,
    simpleEdges: zoom < SIMPLE_EDGES_BELOW_ZOOM,
  };
}

export const graphStylesheet: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': NODE_FONT_SIZE,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'min-zoomed-font-size': NODE_MIN_ZOOMED_FONT_SIZE,
      width: 28,
      height: 28,
      'background-color': COLORS.node,
      'border-width': 2,
      'border-color': COLORS.nodeBorder,
    },
  },
  { selector: 'node.kind-service', style: { shape: 'round-triangle', width: 32, height: 30 } },
  { selector: 'node.kind-app', style: { shape: 'round-rectangle', width: 30, height: 24 } },
  { selector: 'node.kind-workload', style: { shape: 'ellipse' } },
  { selector: 'node.versioned-app', style: { shape: 'round-rectangle', width: 30, height: 24 } },
  {
    selector: 'node.kind-gateway',
    style: { shape: 'round-diamond', width: 34, height: 34, 'background-color': '#e3edfc' },
  },
  {
    selector: 'node.kind-unknown',
    style: { shape: 'round-octagon', 'border-style': 'dashed', 'background-color': '#eceef1' },
  },
  { selector: 'node.root', style: { 'border-width': 4, 'border-style': 'double' } },
  { selector: 'node.health-degraded', style: { 'border-color': COLORS.degraded } },
  { selector: 'node.health-failure', style: { 'border-color': COLORS.failure } },
  { selector: 'node.health-idle', style: { 'border-style': 'dotted', 'border-color': COLORS.idle } },
  {
    selector: 'node.kind-box',
    style: {
      shape: 'round-rectangle',
      'background-color': COLORS.box,
      'background-opacity': 0.6,
      'border-width': 1,
      'border-style': 'dashed',
      'border-color': COLORS.boxBorder,
      'text-valign': 'top',
      'text-margin-y': -2,
      'font-weight': 'bold',
      padding: '14px',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'curve-style': 'bezier',
      'line-color': COLORS.healthy,
      'target-arrow-shape': 'triangle',
      'target-arrow-color': COLORS.healthy,
      label: 'data(label)',
      'font-size': EDGE_FONT_SIZE,
      'text-wrap': 'wrap',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'min-zoomed-font-size': EDGE_MIN_ZOOMED_FONT_SIZE,
    },
  },
  {
    selector: 'edge.health-degraded',
    style: { 'line-color': COLORS.degraded, 'target-arrow-color': COLORS.degraded },
  },
  {
    selector: 'edge.health-failure',
    style: { 'line-color': COLORS.failure, 'target-arrow-color': COLORS.failure },
  },
  { selector: 'edge.health-idle', style: { 'line-color': COLORS.idle, 'target-arrow-color': COLORS.idle } },
  {
    selector: 'edge.mirror',
    style: {
      'line-color': COLORS.mirror,
      'target-arrow-color': COLORS.mirror,
      'target-arrow-shape': 'triangle-backcurve',
      'line-style': 'dashed',
      'line-dash-pattern': [7, 4],
      color: COLORS.mirror,
      'font-weight': 'bold',
    },
  },
  {
    // Level of detail for a zoomed-out drawing (edges connect leaves, never boxes, so haystack works).
    selector: 'edge.lod',
    style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none' },
  },
  {
    selector: '.found',
    style: { 'underlay-color': COLORS.found, 'underlay-opacity': 0.55, 'underlay-padding': 6 },
  },
  { selector: 'node:selected', style: { 'border-color': COLORS.selected, 'border-width': 4 } },
  {
    selector: 'edge:selected',
    style: { 'underlay-color': COLORS.selected, 'underlay-opacity': 0.35, 'underlay-padding': 4 },
  },
  { selector: '.hidden', style: { display: 'none' } },
];
