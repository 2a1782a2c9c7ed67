// One upstream cluster (`outbound|<port>|<subset>|<host>`): its endpoints, load balancer and outlier detection.
import {
  type ClusterState,
  type EndpointState,
  endpointStateFor,
  type StateStore,
} from './endpoint-state.js';
import { chooseEndpoint, type LbPolicy } from './load-balancer.js';
import { eject, mayEject, type OutlierConfig, recordOutcome, refreshEjection } from './outlier-detector.js';
import type { Cluster, ConnectionLimits, Endpoint, EndpointOutcome, RandomSource } from './types.js';

export interface ClusterSpec {
  name: string;
  host: string;
  subset: string | null;
  port: number;
  endpoints: readonly Endpoint[];
  lb: LbPolicy;
  /** null: the DestinationRule has no `outlierDetection` (Istio then configures none). */
  outlier: OutlierConfig | null;
  limits: ConnectionLimits;
}

/** Istio's cluster name (`model.BuildSubsetKey`): `outbound|8000|v1|httpbin.default.svc.cluster.local`. */
export function clusterName(port: number, subset: string | null, host: string): string {
  return `outbound|${port}|${subset ?? ''}|${host}`;
}

/**
 * A compiled cluster. Its endpoint list is immutable; the mutable state (active requests, ejections,
 * round-robin position) lives in a ClusterState shared with the next table compiled from this one.
 */
export class RoutingCluster implements Cluster {
  readonly name: string;
  readonly host: string;
  readonly subset: string | null;
  readonly port: number;
  readonly endpoints: readonly Endpoint[];
  readonly lb: LbPolicy;
  readonly outlier: OutlierConfig | null;
  readonly limits: ConnectionLimits;
  private readonly state: ClusterState;
  private readonly clock: { now: number };
  private readonly states: EndpointState[];
  private readonly healthy: number[] = [];
  private healthyVersion = -1;
  private nextUneject = 0;

  constructor(spec: ClusterSpec, store: StateStore, state: ClusterState) {
    this.name = spec.name;
    this.host = spec.host;
    this.subset = spec.subset;
    this.port = spec.port;
    this.endpoints = spec.endpoints;
    this.lb = spec.lb;
    this.outlier = spec.outlier;
    this.limits = spec.limits;
    this.state = state;
    this.clock = store.clock;
    this.states = spec.endpoints.map((e) => endpointStateFor(state, e.address));
  }

  /**
   * A healthy endpoint chosen by the load balancer, or null (no endpoints, or all ejected: 503 UH).
   * `nowMs` (an optional extension of the contract) lets ejections expire on time; without it the latest
   * time seen by `onRequestEnd` anywhere in the table is used.
   */
  pick(random: RandomSource, nowMs?: number): Endpoint | null {
    const now = this.advance(nowMs);
    if (this.healthyVersion !== this.state.ejectionVersion || now >= this.nextUneject) this.refresh(now);
    const i = chooseEndpoint(this.lb, this.healthy, this.states, this.state, random);
    return i < 0 ? null : (this.endpoints[this.healthy[i]!] ?? null);
  }

  onRequestStart(endpoint: Endpoint): void {
    const st = this.state.endpoints.get(endpoint.address);
    if (st) st.active++;
  }

  onRequestEnd(endpoint: Endpoint, outcome: EndpointOutcome, nowMs: number): void {
    const now = this.advance(nowMs);
    const st = this.state.endpoints.get(endpoint.address);
    if (!st) return;
    if (st.active > 0) st.active--;
    if (!this.outlier || st.ejectedUntil > now) return;
    if (!recordOutcome(this.outlier, st, outcome)) return;
    let ejected = 0;
    for (const s of this.states) if (!refreshEjection(s, now)) ejected++;
    if (!mayEject(this.outlier, ejected, this.states.length)) return;
    eject(this.outlier, st, now);
    this.state.ejectionVersion++;
  }

  /** JSON summary for config_dump. */
  dump(): Record<string, unknown> {
    const now = this.clock.now;
    return {
      name: this.name,
      host: this.host,
      subset: this.subset,
      port: this.port,
      loadBalancer: this.lb,
      outlierDetection: this.outlier,
      connectionPool: this.limits,
      endpoints: this.endpoints.map((e, i) => {
        const st = this.states[i]!;
        return {
          address: e.address,
          workload: e.workload,
          namespace: e.namespace,
          labels: e.labels,
          activeRequests: st.active,
          ejected: st.ejectedUntil > now,
          ejectedUntilMs: st.ejectedUntil > now ? st.ejectedUntil : null,
          ejections: st.ejections,
        };
      }),
    };
  }

  private advance(nowMs: number | undefined): number {
    if (typeof nowMs === 'number' && Number.isFinite(nowMs) && nowMs > this.clock.now) this.clock.now = nowMs;
    return typeof nowMs === 'number' && Number.isFinite(nowMs) ? nowMs : this.clock.now;
  }

  private refresh(now: number): void {
    this.healthy.length = 0;
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.states.length; i++) {
      const st = this.states[i]!;
      if (refreshEjection(st, now)) this.healthy.push(i);
      else if (st.ejectedUntil < next) next = st.ejectedUntil;
    }
    this.nextUneject = next;
    this.healthyVersion = this.state.ejectionVersion;
  }
}
