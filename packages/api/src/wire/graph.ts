// The service graph as the control plane serves it (`GET /api/v1/graph`, `/api/v1/stream`) and the
// dashboard draws it: nodes and edges ready for cytoscape, as Kiali's graph JSON is.

export type GraphType = 'versionedApp' | 'app' | 'workload' | 'service';

/** `box` groups the versions of one app (Kiali's app box). */
export type GraphNodeKind = 'service' | 'app' | 'workload' | 'gateway' | 'unknown' | 'box';

/** From thresholds on the error ratio (Kiali's defaults: degraded above 0.1 %, failure above 20 %). */
export type Health = 'healthy' | 'degraded' | 'failure' | 'idle';

/** Config-derived badges of a service node. */
export interface ServiceBadges {
  mirror: boolean;
  weightedRouting: boolean;
  faultInjection: boolean;
  timeout: boolean;
  retries: boolean;
  circuitBreaker: boolean;
}

/** Traffic over the requested window. Ratios are 0..1. Latencies are null when no request completed. */
export interface EdgeTraffic {
  rps: number;
  requests: number;
  errors: number;
  /** Share of 5xx and proxy-flagged failures (UF, UH, UT, NR…) among requests. */
  errorRatio: number;
  /** This edge's share of its source node's outgoing traffic of the same request type. */
  share: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Requests by response code (`"200"`, `"503"`, `"0"` when none was answered). */
  responseCodes: Record<string, number>;
}

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** The app box this node sits in (versioned-app graphs). */
  parent?: string;
  label: string;
  namespace: string;
  service?: string;
  app?: string;
  version?: string;
  workload?: string;
  health: Health;
  /** Requests per second into and out of the node, and the error ratio of what came in. */
  inRps: number;
  outRps: number;
  errorRatio: number;
  /** Service nodes: badges from config. */
  badges?: ServiceBadges;
  /** True for nodes with no incoming traffic (clients, gateways' sources). */
  isRoot?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** A mirror copy edge: drawn dashed, with its own metrics (Istio and Kiali have none for this hop). */
  mirror: boolean;
  protocol: 'http' | 'grpc';
  traffic: EdgeTraffic;
  health: Health;
  /** Mirror edges: the configured mirror percentage (0..100) of the route that sends the copies. */
  mirrorPercentage?: number;
  /** Weighted routes: the configured weight (percent of the route's total), to set beside `traffic.share`. */
  configuredWeight?: number;
  /** Mirror edges: how the copies' answers compare with the primaries' (from sampled flows). */
  divergence?: { compared: number; divergent: number; ratio: number };
}

export interface GraphResponse {
  /** Server time the window ends at (ISO 8601). */
  timestamp: string;
  durationSeconds: number;
  graphType: GraphType;
  namespaces: string[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Messages of the `/api/v1/stream` WebSocket: a snapshot, then one delta a second. */
export type GraphStreamMessage =
  | { type: 'snapshot'; seq: number; graph: GraphResponse }
  | {
      type: 'delta';
      seq: number;
      timestamp: string;
      upsertNodes: GraphNode[];
      removeNodes: string[];
      upsertEdges: GraphEdge[];
      removeEdges: string[];
    }
  /** Config or proxy status changed: clients refetch the named query keys. */
  | { type: 'invalidate'; keys: Array<'resources' | 'proxy-status' | 'analyze' | 'history'> };

/** What a client sends on `/api/v1/stream` to choose its view (sent first, and again to change it). */
export interface GraphStreamSubscribe {
  type: 'subscribe';
  namespaces: string[];
  graphType: GraphType;
  durationSeconds: number;
}

/** One point of a per-node or per-edge time series (`GET /api/v1/metrics`). */
export interface MetricsPoint {
  /** Start of the bucket, ms since the epoch. */
  t: number;
  rps: number;
  errorRatio: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface MetricsResponse {
  /** The node or edge id the series is for. */
  target: string;
  stepSeconds: number;
  series: MetricsPoint[];
}
