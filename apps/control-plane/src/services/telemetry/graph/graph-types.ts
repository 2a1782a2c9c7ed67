// Inputs of the pure graph builder: per-key traffic over a window, and what the mesh knows besides.
import type { GraphType } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import type { HistogramMerger } from '../packed-histogram.js';
import type { ConfigView } from './config-view.js';
import type { DivergenceIndex } from './divergence-index.js';

/** Where an edge key's latency buckets are: adds them to a merger (without copying them first). */
export interface LatencySource {
  addTo(merger: HistogramMerger): void;
}

/** One edge key's traffic over the window. */
export interface WindowEdge {
  key: EdgeKey;
  /** The store's series number (absent in hand-built inputs). */
  series?: number;
  requests: number;
  requestBytes: number;
  responseBytes: number;
  latency: LatencySource;
}

/** Facts about the mesh besides telemetry. */
export interface MeshContext {
  config: ConfigView;
  /** `namespace/workload` of every gateway proxy. */
  gateways: ReadonlySet<string>;
  /** `namespace/workload` → labels, from the workloads' proxies (to match DestinationRule subsets). */
  workloadLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Divergence of compared mirror copies (absent when flows are not compared). */
  divergence?: DivergenceIndex;
}

export interface GraphQuery {
  graphType: GraphType;
  /** Only traffic touching these namespaces (either end); empty = every namespace. */
  namespaces: readonly string[];
  durationSeconds: number;
}

export interface GraphInput extends GraphQuery {
  edges: readonly WindowEdge[];
  /** Seconds the traffic was observed over (rates divide by it). */
  windowSeconds: number;
  /** End of the window, ms since the epoch. */
  endMs: number;
  mesh: MeshContext;
}
