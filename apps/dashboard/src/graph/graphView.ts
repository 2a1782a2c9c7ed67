// The graph page's view state, all of it in the URL so a view can be bookmarked and shared:
// `?namespaces=a,b&graphType=app&duration=5m&edgeLabel=share&find=rps > 10&hide=idle&focus=ID&table=edges`.
// Defaults are left out of the URL, so the plain `/graph` is the default view.
import type { GraphType } from '@shadowmesh/api';

export const GRAPH_TYPES: readonly GraphType[] = ['versionedApp', 'app', 'workload', 'service'];

export const GRAPH_TYPE_LABELS: Record<GraphType, string> = {
  versionedApp: 'Versioned app',
  app: 'App',
  workload: 'Workload',
  service: 'Service',
};

/** What edges say: requests per second, share of the source's traffic, p95 latency, error rate. */
export type EdgeLabelMode = 'none' | 'rps' | 'share' | 'p95' | 'errors';

export const EDGE_LABEL_MODES: readonly EdgeLabelMode[] = ['rps', 'share', 'p95', 'errors', 'none'];

export const EDGE_LABEL_NAMES: Record<EdgeLabelMode, string> = {
  rps: 'Request rate',
  share: 'Traffic share',
  p95: 'p95 latency',
  errors: 'Error rate',
  none: 'No labels',
};

/** Windows the duration picker offers, in seconds (the graph's rates are over this window). */
export const DURATIONS: readonly number[] = [10, 30, 60, 300, 600, 1800, 3600];

export interface GraphView {
  /** Empty: every namespace. */
  namespaces: string[];
  graphType: GraphType;
  durationSeconds: number;
  edgeLabel: EdgeLabelMode;
  /** Find expression: matching elements are highlighted. */
  find: string;
  /** Hide expression: matching elements are removed from the drawing. */
  hide: string;
  /** The selected node or edge id (its side panel is open). */
  focus: string;
  /** The Edges table is shown under the graph. */
  table: boolean;
}

export const DEFAULT_VIEW: GraphView = {
  namespaces: [],
  graphType: 'versionedApp',
  durationSeconds: 60,
  edgeLabel: 'rps',
  find: '',
  hide: '',
  focus: '',
  table: false,
};

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** `60s`, `5m`, `1h` or bare seconds → seconds; null when it is not a positive whole duration. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+)\s*([smh]?)\s*$/.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1);
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : null;
}

/** Seconds → the shortest of `90s`, `5m`, `1h` that is exact. */
export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function isGraphType(value: string): value is GraphType {
  return (GRAPH_TYPES as readonly string[]).includes(value);
}

function isEdgeLabel(value: string): value is EdgeLabelMode {
  return (EDGE_LABEL_MODES as readonly string[]).includes(value);
}

/** The view a URL's query describes; anything unreadable falls back to its default. */
export function readView(params: URLSearchParams): GraphView {
  const namespaces = (params.get('namespaces') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const graphType = params.get('graphType') ?? '';
  const edgeLabel = params.get('edgeLabel') ?? '';
  return {
    namespaces: [...new Set(namespaces)].sort(),
    graphType: isGraphType(graphType) ? graphType : DEFAULT_VIEW.graphType,
    durationSeconds: parseDuration(params.get('duration') ?? '') ?? DEFAULT_VIEW.durationSeconds,
    edgeLabel: isEdgeLabel(edgeLabel) ? edgeLabel : DEFAULT_VIEW.edgeLabel,
    find: params.get('find') ?? '',
    hide: params.get('hide') ?? '',
    focus: params.get('focus') ?? '',
    table: params.get('table') === 'edges',
  };
}

/** The query that describes `view` (defaults left out); other parameters in `base` are kept. */
export function writeView(view: GraphView, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  const set = (key: string, value: string, isDefault: boolean) => {
    if (isDefault) params.delete(key);
    else params.set(key, value);
  };
  set('namespaces', view.namespaces.join(','), view.namespaces.length === 0);
  set('graphType', view.graphType, view.graphType === DEFAULT_VIEW.graphType);
  set(
    'duration',
    formatDuration(view.durationSeconds),
    view.durationSeconds === DEFAULT_VIEW.durationSeconds,
  );
  set('edgeLabel', view.edgeLabel, view.edgeLabel === DEFAULT_VIEW.edgeLabel);
  set('find', view.find, view.find === '');
  set('hide', view.hide, view.hide === '');
  set('focus', view.focus, view.focus === '');
  set('table', 'edges', !view.table);
  return params;
}

/** What the server is asked for (the part of the view that changes the data, not the drawing). */
export interface GraphQueryView {
  namespaces: string[];
  graphType: GraphType;
  durationSeconds: number;
}

/** `/api/v1/graph?namespaces=…&graphType=…&duration=60s`. */
export function graphRequestPath(view: GraphQueryView): string {
  const params = new URLSearchParams();
  if (view.namespaces.length > 0) params.set('namespaces', view.namespaces.join(','));
  params.set('graphType', view.graphType);
  params.set('duration', `${view.durationSeconds}s`);
  return `/api/v1/graph?${params.toString()}`;
}
