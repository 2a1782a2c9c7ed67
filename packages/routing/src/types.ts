// The public contract of the routing engine. The proxy calls only what is declared here.
import type { ProxyKind, Resource, WorkloadEndpoint } from '@shadowmesh/api';

/** A source of uniform random numbers in [0, 1); injected so tests are seeded and exact. */
export type RandomSource = () => number;

/** Everything a route table is compiled from. */
export interface RouteTableInput {
  /** VirtualService, DestinationRule, Gateway, ServiceEntry, Service, MeshConfig, ShadowPolicy. */
  resources: readonly Resource[];
  endpoints: readonly WorkloadEndpoint[];
  /** The proxy the table is for: sidecars see mesh-bound routes, gateways their Gateway-bound ones. */
  proxy: {
    kind: ProxyKind;
    namespace: string;
    labels: Readonly<Record<string, string>>;
    /** Gateway proxies: their name (Gateways select them by labels). */
    name?: string;
  };
  /** A version string the table carries into config_dump and telemetry. */
  version: string;
}

/** What the proxy knows about one request when it asks for a route. */
export interface RequestAttributes {
  method: string;
  scheme: 'http' | 'https';
  /** Host header as received, possibly with a port (`httpbin:8000`). */
  authority: string;
  /** Path with query string, as received. */
  path: string;
  /** The port the request addressed: from the authority, else the listener's (80 for a plain HTTP proxy). */
  port: number;
  /** Header names lower-case, as node:http gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** Mesh-wide settings merged with the per-host ShadowPolicy for one destination host. */
export interface ShadowSettings {
  /** Insert `-shadow` into the mirror's authority (Istio ≤1.27 and Envoy default). */
  shadowHostSuffix: boolean;
  /** In-flight mirror requests allowed per mirror target before copies are dropped. */
  maxInFlight: number;
  /** A shadow request's own timeout. */
  timeoutMs: number;
  /** Bodies larger than this are not mirrored (the primary is unaffected). */
  maxBodyBytes: number;
  /** Bytes of request/response body captured into flows. */
  captureBodyBytes: number;
  /** Fraction 0..1 of requests whose flows are sampled. */
  flowSampling: number;
  /**
   * Header names (lower case) redacted in captured flows besides the always-redacted ones
   * (`ALWAYS_REDACTED_HEADERS`): the host's ShadowPolicy `redactHeaders`.
   */
  redactHeaders: readonly string[];
  /**
   * Percentage (0..100) of captured mirrored requests also copied to the primary's own subset as a
   * baseline (ShadowPolicy `baseline`, Diffy's "secondary"): what differs there is noise, not divergence.
   */
  baselinePercentage: number;
}

export interface MeshSettings extends ShadowSettings {
  outboundPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
}

export interface HeaderOps {
  set: Readonly<Record<string, string>>;
  add: Readonly<Record<string, string>>;
  remove: readonly string[];
}

export interface RetryPolicy {
  /** Retries after the first try (total tries = 1 + attempts). */
  attempts: number;
  perTryTimeoutMs: number | null;
  /** Envoy retry-on conditions (`5xx`, `gateway-error`, `connect-failure`, `reset`, …). */
  retryOn: ReadonlySet<string>;
  /** Status codes listed in retryOn. */
  retriableStatusCodes: ReadonlySet<number>;
}

export interface FaultDecision {
  /** Already sampled for this request: apply as given. */
  delayMs: number | null;
  abortStatus: number | null;
}

export type EndpointOutcome =
  | 'success'
  | 'http-5xx'
  | 'gateway-error'
  | 'connect-failure'
  | 'reset'
  | 'timeout';

export interface Endpoint {
  /** host:port of the workload's inbound listener (or the external host for ServiceEntry/ALLOW_ANY). */
  address: string;
  workload: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
}

/** An upstream cluster: `outbound|<port>|<subset>|<host>`, with its load balancer and outlier state. */
/** A cluster's `connectionPool`, compiled (Envoy's circuit breakers and connection options). */
export interface ConnectionLimits {
  /** `tcp.connectTimeout` (Istio's default 10 s): a connection not made by then fails (UF). */
  readonly connectTimeoutMs: number;
  /** `tcp.maxConnections`: requests in flight at once (one connection each in HTTP/1.1); then pending. */
  readonly maxConnections: number;
  /** `http.http1MaxPendingRequests`: requests waiting for a connection; beyond that 503 UO. */
  readonly maxPendingRequests: number;
  /** `http.http2MaxRequests`: requests in flight at once, past which 503 UO at once (never pending). */
  readonly maxRequests: number;
  /** `http.maxRequestsPerConnection`: a connection closes after this many (0: unlimited). */
  readonly maxRequestsPerConnection: number;
  /** `tcp.maxConnectionDuration`: a connection is not reused once this old (0: unlimited). */
  readonly maxConnectionDurationMs: number;
  /** `http.idleTimeout`: an idle pooled connection closes after this (0: the proxy's own, shorter, default). */
  readonly idleTimeoutMs: number;
}

export interface Cluster {
  readonly name: string;
  /** Fully-qualified service host, e.g. `httpbin.default.svc.cluster.local`. */
  readonly host: string;
  readonly subset: string | null;
  readonly port: number;
  readonly endpoints: readonly Endpoint[];
  /** The DestinationRule's `connectionPool` (Istio's defaults when absent). */
  readonly limits: ConnectionLimits;
  /**
   * A healthy endpoint chosen by the cluster's load balancer, or null (503, flag UH).
   * `nowMs` (optional, added after the first contract): the current time, so outlier ejections expire on
   * time even when no request ends; without it the latest time seen by `onRequestEnd` is used.
   */
  pick(random: RandomSource, nowMs?: number): Endpoint | null;
  /** Load-balancer and outlier-detection bookkeeping. */
  onRequestStart(endpoint: Endpoint): void;
  onRequestEnd(endpoint: Endpoint, outcome: EndpointOutcome, nowMs: number): void;
}

export interface MirrorDecision {
  cluster: Cluster;
  /** The configured percentage (0..100] that selected this copy. */
  percentage: number;
  /** The authority the copy carries: `-shadow` inserted before any port unless the suffix is off. */
  authority: string;
  settings: ShadowSettings;
  /** A baseline copy to the primary's own cluster (made by the proxy for captured requests), not a mirror. */
  baseline?: true;
}

export interface ForwardDecision {
  kind: 'forward';
  /** `<vs namespace>/<vs name>` and the route's index/name, for logs and telemetry; null for default routes. */
  routeName: string | null;
  /** `<vs name>.<vs namespace>` with `#<route name>` when it has one (FlowRecord.route); null for default routes. */
  flowRoute: string | null;
  cluster: Cluster;
  /** Authority and path after rewrites; header ops merged route-level then destination-level. */
  authority: string;
  path: string;
  requestHeaders: HeaderOps;
  responseHeaders: HeaderOps;
  timeoutMs: number | null;
  retry: RetryPolicy | null;
  fault: FaultDecision | null;
  /** Mirror copies to send (already sampled: each entry is one copy). */
  mirrors: MirrorDecision[];
  /** Counted as sampled out: mirrors configured on the route that this request's draw skipped. */
  mirrorsSampledOut: number;
  /** Settings of the primary (routed) host. */
  settings: ShadowSettings;
}

export type RouteDecision =
  | ForwardDecision
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'direct-response'; status: number; body: string }
  /** Host in no registry with outbound policy ALLOW_ANY: forward to the authority as given. */
  | { kind: 'passthrough'; authority: string }
  /** 404 NR (no route matched) or 502 NR (REGISTRY_ONLY, host unknown). */
  | { kind: 'reject'; status: 404 | 502; flag: 'NR'; reason: string };

export interface RouteTable {
  readonly version: string;
  readonly settings: MeshSettings;
  /** Decides what to do with one request. Never throws for any request input. */
  route(request: RequestAttributes, random: RandomSource): RouteDecision;
  /** JSON-serialisable summary for `/config_dump`. */
  dump(): unknown;
}
