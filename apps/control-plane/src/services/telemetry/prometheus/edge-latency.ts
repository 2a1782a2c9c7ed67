// Puts histogram_quantile's answers on graph edges. Each graph edge is made of edge keys (the builder
// says which); each key falls in one latency group of the edge's half (graph-queries.ts). An edge whose
// keys all fall in one group gets that group's quantiles exactly; one spanning several groups (several
// workloads of one app version, a service graph's service of several workloads) gets those of the group
// carrying most of its requests, since quantiles of groups cannot be added.
import type { GraphResponse } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import type { WindowEdge } from '../graph/graph-types.js';
import type { LatencySide, Quantile } from './graph-queries.js';
import { QUANTILES } from './graph-queries.js';
import type { VectorSample } from './prometheus-client.js';
import { edgeKeyOf } from './vector-to-edges.js';

/** The answers of the latency queries: per side, per quantile, the vector. */
export type LatencyVectors = Record<LatencySide, Record<Quantile, readonly VectorSample[]>>;

type Quantiles = [number | null, number | null, number | null];

/** The group of a key on one side, as a string (labels read through edgeKeyOf, so both agree). */
export function latencyGroup(side: LatencySide, k: EdgeKey): string {
  const end =
    side === 'source'
      ? [k.sourceNamespace, k.sourceWorkload, k.sourceApp, k.sourceVersion]
      : [k.destinationNamespace, k.destinationWorkload, k.destinationApp, k.destinationVersion];
  return [side, ...end, k.destinationService, k.protocol, k.requestType].join('\u0001');
}

/**
 * Which half a graph edge is: into a service node (client → service) is the source half; out of one
 * (service → version) the destination half, as is a mirror edge drawn straight to the version.
 */
export function edgeSide(to: string): LatencySide {
  return to.startsWith('svc:') ? 'source' : 'destination';
}

/** Collects, per graph edge, the requests of each latency group (fed by the builder's listener). */
export class EdgeGroups {
  private readonly byEdge = new Map<string, Map<string, number>>();

  add(edgeId: string, to: string, e: WindowEdge): void {
    const group = latencyGroup(edgeSide(to), e.key);
    let groups = this.byEdge.get(edgeId);
    if (groups === undefined) {
      groups = new Map();
      this.byEdge.set(edgeId, groups);
    }
    groups.set(group, (groups.get(group) ?? 0) + e.requests);
  }

  /** The group carrying most of the edge's requests (ties: the first seen). */
  busiest(edgeId: string): string | undefined {
    let best: string | undefined;
    let most = -1;
    for (const [group, requests] of this.byEdge.get(edgeId) ?? []) {
      if (requests > most) {
        best = group;
        most = requests;
      }
    }
    return best;
  }
}

/** Quantiles by latency group, from the query answers. */
export function quantilesByGroup(vectors: LatencyVectors): Map<string, Quantiles> {
  const out = new Map<string, Quantiles>();
  for (const side of ['source', 'destination'] as const) {
    QUANTILES.forEach((q, i) => {
      for (const s of vectors[side][q]) {
        const group = latencyGroup(side, edgeKeyOf(s.metric));
        let values = out.get(group);
        if (values === undefined) {
          values = [null, null, null];
          out.set(group, values);
        }
        // NaN: no request completed in the window; histogram_quantile never answers more than the
        // highest finite bucket, so ±Inf means no data either.
        values[i] = Number.isFinite(s.value) ? Math.round(s.value * 1000) / 1000 : null;
      }
    });
  }
  return out;
}

/** Sets p50/p95/p99 of every edge of `graph` (in place) from its busiest group's quantiles. */
export function applyLatencies(
  graph: GraphResponse,
  groups: EdgeGroups,
  quantiles: Map<string, Quantiles>,
): void {
  for (const edge of graph.edges) {
    const group = groups.busiest(edge.id);
    const [p50, p95, p99] = (group === undefined ? undefined : quantiles.get(group)) ?? [null, null, null];
    edge.traffic.p50Ms = p50;
    edge.traffic.p95Ms = p95;
    edge.traffic.p99Ms = p99;
  }
}
