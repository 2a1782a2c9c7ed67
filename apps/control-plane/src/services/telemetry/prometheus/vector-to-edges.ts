// Turns the request-rate vector (one sample per edge key and response code, see graph-queries.ts) into
// the graph builder's input: the same WindowEdge the built-in source aggregates from proxies' deltas,
// so both sources draw one graph the same way.
import type { EdgeKey } from '@shadowmesh/telemetry';
import { UNKNOWN } from '@shadowmesh/telemetry';
import type { LatencySource, WindowEdge } from '../graph/graph-types.js';
import type { VectorSample } from './prometheus-client.js';

/** Latency comes from histogram_quantile per graph edge (edge-latency.ts), not from merged buckets. */
export const NO_LATENCY: LatencySource = Object.freeze({ addTo: () => {} });

/** The host suffix Envoy puts on a mirror copy's authority (`httpbin-shadow`), as Istio up to 1.27 does. */
const SHADOW_SUFFIX = '-shadow';

/**
 * One WindowEdge per sample: `requests` is the rate times the window (what the builder divides by the
 * window again), so rates are Prometheus's own. Samples that are not a positive finite rate are left out.
 */
export function vectorToEdges(samples: readonly VectorSample[], windowSeconds: number): WindowEdge[] {
  const out: WindowEdge[] = [];
  for (const s of samples) {
    if (!Number.isFinite(s.value) || s.value <= 0) continue;
    out.push({
      key: edgeKeyOf(s.metric),
      requests: s.value * windowSeconds,
      requestBytes: 0,
      responseBytes: 0,
      latency: NO_LATENCY,
    });
  }
  return out;
}

/** An edge key from Istio's labels; a missing or empty label is `unknown`, as Istio writes it. */
export function edgeKeyOf(m: Readonly<Record<string, string>>): EdgeKey {
  const label = (name: string) => {
    const v = m[name];
    return v === undefined || v === '' ? UNKNOWN : v;
  };
  const { service, shadow } = unshadow(label('destination_service'));
  const code = Number(m.response_code);
  return {
    reporter: m.reporter === 'destination' ? 'destination' : 'source',
    sourceWorkload: label('source_workload'),
    sourceApp: label('source_app'),
    sourceVersion: label('source_version'),
    sourceNamespace: label('source_workload_namespace'),
    destinationService: service,
    destinationWorkload: label('destination_workload'),
    destinationApp: label('destination_app'),
    destinationVersion: label('destination_version'),
    destinationNamespace: label('destination_workload_namespace'),
    responseCode: Number.isInteger(code) && code >= 0 ? code : 0,
    responseFlags: m.response_flags === undefined || m.response_flags === '' ? '-' : m.response_flags,
    // Shadowmesh labels copies `request_type="mirror"`; Istio has no such label, but a copy reported
    // under its shadow host (`httpbin-shadow.default.svc.cluster.local`) is one too.
    requestType: m.request_type === 'mirror' || shadow ? 'mirror' : 'primary',
    protocol: m.request_protocol === 'grpc' ? 'grpc' : 'http',
  };
}

/** `httpbin-shadow.default.svc.cluster.local` → the service `httpbin.default.svc.cluster.local`, a copy. */
function unshadow(host: string): { service: string; shadow: boolean } {
  const dot = host.indexOf('.');
  const name = dot < 0 ? host : host.slice(0, dot);
  if (!name.endsWith(SHADOW_SUFFIX) || name.length === SHADOW_SUFFIX.length)
    return { service: host, shadow: false };
  return { service: name.slice(0, -SHADOW_SUFFIX.length) + (dot < 0 ? '' : host.slice(dot)), shadow: true };
}
