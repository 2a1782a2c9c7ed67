// The PromQL the Prometheus graph source sends, in Kiali's form: instant queries of
// `sum(rate(istio_requests_total{…}[window])) by (…) > 0`, and `histogram_quantile` over the
// duration histogram's bucket rates for latency.
//
// Which reports count is the built-in graph's rule (`countsForGraph` in series-registry.ts): the source
// proxy's (`reporter="source"`: every mesh proxy reports what it sends, primary and mirror), and the
// destination's only for requests no mesh proxy sent (`source_workload="unknown"`: from outside). So no
// request is counted twice, as Kiali avoids by de-duplicating reporters.

/** The labels of one edge key (every field of an EdgeKey, as Istio names it; `request_type` is ours). */
export const EDGE_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_app',
  'source_version',
  'destination_service',
  'destination_workload',
  'destination_workload_namespace',
  'destination_app',
  'destination_version',
  'response_code',
  'response_flags',
  'request_protocol',
  'request_type',
] as const;

/** Which half of a graph edge a latency grouping is for. */
export type LatencySide = 'source' | 'destination';

/**
 * Latency is grouped by the labels that tell the graph edges of each half apart: a client → service
 * edge by the sending workload and the service, a service → version edge by the service and the
 * answering workload. Response code and flags are summed over, as one edge carries every code.
 */
export const LATENCY_LABELS: Record<LatencySide, readonly string[]> = {
  source: [
    'source_workload',
    'source_workload_namespace',
    'source_app',
    'source_version',
    'destination_service',
    'request_protocol',
    'request_type',
  ],
  destination: [
    'destination_service',
    'destination_workload',
    'destination_workload_namespace',
    'destination_app',
    'destination_version',
    'request_protocol',
    'request_type',
  ],
};

export const QUANTILES = [0.5, 0.95, 0.99] as const;
export type Quantile = (typeof QUANTILES)[number];

/** `rate(METRIC{counted reports}[Ns])`: the per-second rate of the reports the graph counts. */
function countedRate(metric: string, windowSeconds: number): string {
  const range = `[${windowSeconds}s]`;
  return (
    `rate(${metric}{reporter="source"}${range})` +
    ` or rate(${metric}{reporter="destination",source_workload="unknown"}${range})`
  );
}

/** Requests per second by edge key and response code over the window (idle keys left out). */
export function requestRateQuery(windowSeconds: number): string {
  return `sum by (${EDGE_LABELS.join(',')}) (${countedRate('istio_requests_total', windowSeconds)}) > 0`;
}

/** The `q` quantile of request duration (ms) per latency group of one side. */
export function latencyQuery(q: Quantile, side: LatencySide, windowSeconds: number): string {
  const by = ['le', ...LATENCY_LABELS[side]].join(',');
  const buckets = countedRate('istio_request_duration_milliseconds_bucket', windowSeconds);
  return `histogram_quantile(${q}, sum by (${by}) (${buckets}))`;
}
