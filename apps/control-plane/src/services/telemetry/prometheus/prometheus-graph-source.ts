// The service graph built from Prometheus, as Kiali builds its own: instant queries of
// istio_requests_total and the duration histogram at one time over the requested window, turned into
// the same GraphResponse the built-in source returns (same builder: same nodes, edges, ids, health,
// badges), so the dashboard draws either without knowing which.
import type { GraphResponse } from '@shadowmesh/api';
import { buildGraph } from '../graph/graph-builder.js';
import type { GraphQuery, MeshContext } from '../graph/graph-types.js';
import { applyLatencies, EdgeGroups, type LatencyVectors, quantilesByGroup } from './edge-latency.js';
import { type LatencySide, latencyQuery, QUANTILES, requestRateQuery } from './graph-queries.js';
import { PrometheusClient, type VectorSample } from './prometheus-client.js';
import { vectorToEdges } from './vector-to-edges.js';

export interface PrometheusGraphSourceOptions {
  /** Prometheus's web root, e.g. `http://127.0.0.1:9090`. */
  url: string;
  timeoutMs?: number;
  now?: () => number;
}

export class PrometheusGraphSource {
  readonly client: PrometheusClient;
  private readonly now: () => number;

  constructor(options: PrometheusGraphSourceOptions) {
    this.client = new PrometheusClient(options.url, options.timeoutMs);
    this.now = options.now ?? Date.now;
  }

  get url(): string {
    return this.client.baseUrl;
  }

  /** The graph of the window ending now; rejects with a CpError when Prometheus fails. */
  async graph(query: GraphQuery, mesh: MeshContext): Promise<GraphResponse> {
    const endMs = this.now();
    const at = endMs / 1000;
    const window = query.durationSeconds;
    const latency = (side: LatencySide) =>
      Promise.all(QUANTILES.map((q) => this.client.query(latencyQuery(q, side, window), at)));
    // All seven queries at once: one evaluation time, so they describe the same window.
    const [rates, source, destination] = await Promise.all([
      this.client.query(requestRateQuery(window), at),
      latency('source'),
      latency('destination'),
    ]);
    const groups = new EdgeGroups();
    const graph = buildGraph(
      { ...query, edges: vectorToEdges(rates, window), windowSeconds: window, endMs, mesh },
      (edgeId, _from, to, e) => groups.add(edgeId, to, e),
    );
    const vectors: LatencyVectors = { source: byQuantile(source), destination: byQuantile(destination) };
    applyLatencies(graph, groups, quantilesByGroup(vectors));
    for (const edge of graph.edges) roundCounts(edge.traffic);
    return graph;
  }
}

/** Counts are rate × window here (Prometheus extrapolates): kept to three decimals, as rates are. */
function roundCounts(t: GraphResponse['edges'][number]['traffic']): void {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  t.requests = r(t.requests);
  t.errors = r(t.errors);
  for (const code of Object.keys(t.responseCodes)) t.responseCodes[code] = r(t.responseCodes[code] ?? 0);
}

function byQuantile(answers: VectorSample[][]): LatencyVectors['source'] {
  const [p50 = [], p95 = [], p99 = []] = answers;
  return { 0.5: p50, 0.95: p95, 0.99: p99 };
}
