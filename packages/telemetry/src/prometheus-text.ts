// Prometheus text exposition (format 0.0.4) with Istio's standard metric and label names.
import type { BucketCounts } from './bucket-counts.js';
import type { EdgeKey } from './edge-key.js';
import type { EdgeStats } from './edge-stats.js';
import type { MirrorDelta } from './mirror-counters.js';
import { MIRROR_OUTCOMES } from './mirror-counters.js';

export interface PrometheusInput {
  edges: Iterable<EdgeStats>;
  mirror: Iterable<MirrorDelta>;
}

/** The content type to serve the text with. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function renderPrometheus(input: PrometheusInput): string {
  const edges = [...input.edges];
  const out: string[] = [];
  out.push('# HELP istio_requests_total Requests handled by this proxy.');
  out.push('# TYPE istio_requests_total counter');
  for (const edge of edges) out.push(`istio_requests_total{${edgeLabels(edge.key)}} ${edge.requests}`);
  histogram(out, 'istio_request_duration_milliseconds', 'Request duration in milliseconds.', edges, (e) => {
    return e.durationBuckets;
  });
  histogram(out, 'istio_request_bytes', 'Request body sizes in bytes.', edges, (e) => e.requestBytes);
  histogram(out, 'istio_response_bytes', 'Response body sizes in bytes.', edges, (e) => e.responseBytes);
  out.push('# HELP shadowmesh_mirror_requests_total Eligible mirror copies by outcome; outcomes add up.');
  out.push('# TYPE shadowmesh_mirror_requests_total counter');
  for (const entry of input.mirror) {
    for (const outcome of MIRROR_OUTCOMES) {
      const labels = `destination_cluster="${escapeLabel(entry.target)}",outcome="${outcome}"`;
      out.push(`shadowmesh_mirror_requests_total{${labels}} ${entry.outcomes[outcome]}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function histogram(
  out: string[],
  name: string,
  help: string,
  edges: readonly EdgeStats[],
  pick: (edge: EdgeStats) => BucketCounts,
): void {
  out.push(`# HELP ${name} ${help}`);
  out.push(`# TYPE ${name} histogram`);
  for (const edge of edges) {
    const labels = edgeLabels(edge.key);
    const buckets = pick(edge);
    const cumulative = buckets.cumulative();
    buckets.bounds.forEach((bound, i) => {
      out.push(`${name}_bucket{${labels},le="${bound}"} ${cumulative[i]}`);
    });
    out.push(`${name}_bucket{${labels},le="+Inf"} ${buckets.count}`);
    out.push(`${name}_sum{${labels}} ${buckets.sum}`);
    out.push(`${name}_count{${labels}} ${buckets.count}`);
  }
}

/** Istio's labels for one edge, plus `request_type` (primary or mirror). */
export function edgeLabels(key: EdgeKey): string {
  const service = splitService(key.destinationService);
  const pairs: [string, string][] = [
    ['reporter', key.reporter],
    ['source_workload', key.sourceWorkload],
    ['source_app', key.sourceApp],
    ['source_version', key.sourceVersion],
    ['source_workload_namespace', key.sourceNamespace],
    ['destination_service', key.destinationService],
    ['destination_service_name', service.name],
    ['destination_service_namespace', service.namespace],
    ['destination_workload', key.destinationWorkload],
    ['destination_app', key.destinationApp],
    ['destination_version', key.destinationVersion],
    ['destination_workload_namespace', key.destinationNamespace],
    ['response_code', String(key.responseCode)],
    ['response_flags', key.responseFlags],
    ['request_protocol', key.protocol],
    ['request_type', key.requestType],
  ];
  return pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
}

/** `httpbin.default.svc.cluster.local` → name `httpbin`, namespace `default`; other hosts keep their name. */
function splitService(host: string): { name: string; namespace: string } {
  const parts = host.split('.');
  if (parts.length >= 3 && parts[2] === 'svc')
    return { name: parts[0] ?? host, namespace: parts[1] ?? 'unknown' };
  return { name: host, namespace: 'unknown' };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
