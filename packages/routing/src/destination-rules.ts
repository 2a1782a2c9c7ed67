// DestinationRules by host: subsets (labels) and the traffic policy that applies to one cluster.
import type { DestinationRule, OutlierDetection, TrafficPolicy } from '@shadowmesh/api';
import { parseDuration, resolveHost, unenforcedConnectionPoolFields } from '@shadowmesh/api';
import { compileConnectionLimits } from './connection-limits.js';
import { HostIndex } from './host-index.js';
import { type LbPolicy, lbPolicyOf } from './load-balancer.js';
import { OUTLIER_DEFAULTS, type OutlierConfig } from './outlier-detector.js';
import { guarded, isVisible, keyOf, listOf, namespaceOf, type ResourceSet } from './resource-set.js';
import type { ConnectionLimits } from './types.js';

interface SubsetInfo {
  labels: Readonly<Record<string, string>>;
  trafficPolicy: TrafficPolicy | undefined;
}

/** DestinationRules of one host, merged as Istio does when several name it (first subset of a name wins). */
interface MergedRule {
  sources: string[];
  trafficPolicy: TrafficPolicy | undefined;
  subsets: Map<string, SubsetInfo>;
}

/** What one cluster gets from the rules: its subset's labels and its load-balancing/outlier settings. */
export interface ClusterPolicy {
  /** The subset's labels; null when no subset was asked for. */
  subsetLabels: Readonly<Record<string, string>> | null;
  /** True when a subset was asked for and no DestinationRule declares it (Envoy: no such cluster ⇒ 503). */
  subsetMissing: boolean;
  lb: LbPolicy;
  outlier: OutlierConfig | null;
  limits: ConnectionLimits;
  /** Rules that contributed, `namespace/name`. */
  sources: readonly string[];
  /** Settings present but not implemented (consistentHash…), for the dump. */
  unsupported: readonly string[];
}

function durationMs(text: string | undefined, fallback: number, onError: (m: string) => void): number {
  if (text === undefined) return fallback;
  try {
    return parseDuration(text);
  } catch (err) {
    onError(`outlierDetection duration "${text}": ${(err as Error).message}`);
    return fallback;
  }
}

/** Compiles Istio `outlierDetection` with Envoy's defaults for absent fields; null when absent. */
export function compileOutlier(
  od: OutlierDetection | undefined,
  onError: (m: string) => void,
): OutlierConfig | null {
  if (!od) return null;
  const d = OUTLIER_DEFAULTS;
  return {
    consecutive5xx: od.consecutive5xxErrors ?? od.consecutiveErrors ?? d.consecutive5xx,
    consecutiveGateway: od.consecutiveGatewayErrors ?? d.consecutiveGateway,
    intervalMs: durationMs(od.interval, d.intervalMs, onError),
    baseEjectionMs: durationMs(od.baseEjectionTime, d.baseEjectionMs, onError),
    maxEjectionPercent: od.maxEjectionPercent ?? d.maxEjectionPercent,
    maxEjectionMs: d.maxEjectionMs,
  };
}

/** One layer of policy for `port`: the port-level settings override the layer's own, field by field. */
function layer(policy: TrafficPolicy | undefined, port: number): Partial<TrafficPolicy> {
  if (!policy) return {};
  const out: Partial<TrafficPolicy> = {
    loadBalancer: policy.loadBalancer,
    outlierDetection: policy.outlierDetection,
    connectionPool: policy.connectionPool,
  };
  const pl = listOf(policy.portLevelSettings).find((p) => p?.port?.number === port);
  if (pl?.loadBalancer) out.loadBalancer = pl.loadBalancer;
  if (pl?.outlierDetection) out.outlierDetection = pl.outlierDetection;
  if (pl?.connectionPool) out.connectionPool = pl.connectionPool;
  return out;
}

export class DestinationRuleIndex {
  private readonly rules = new HostIndex<MergedRule>();

  constructor(
    set: ResourceSet,
    proxyNamespace: string,
    private readonly onError: (message: string) => void,
  ) {
    // Istio prefers a rule in the proxy's namespace, then others (by creation time).
    const ordered = [
      ...set.destinationRules.filter((r) => namespaceOf(r) === proxyNamespace),
      ...set.destinationRules.filter((r) => namespaceOf(r) !== proxyNamespace),
    ];
    for (const dr of ordered) {
      guarded(`DestinationRule ${keyOf(dr)}`, onError, () => this.addRule(dr, set, proxyNamespace));
    }
  }

  private addRule(dr: DestinationRule, set: ResourceSet, proxyNamespace: string): void {
    const ns = namespaceOf(dr);
    if (typeof dr.spec.host !== 'string' || dr.spec.workloadSelector) return;
    if (!isVisible(dr.spec.exportTo, ns, proxyNamespace)) return;
    const host = resolveHost(dr.spec.host, ns, { namespaces: set.namespaces });
    const merged = host.startsWith('*') ? this.rules.getWildcard(host) : this.rules.getExact(host);
    const target: MergedRule = merged ?? { sources: [], trafficPolicy: undefined, subsets: new Map() };
    target.sources.push(keyOf(dr));
    target.trafficPolicy ??= dr.spec.trafficPolicy;
    for (const s of listOf(dr.spec.subsets)) {
      if (typeof s?.name !== 'string' || target.subsets.has(s.name)) continue;
      target.subsets.set(s.name, { labels: { ...(s.labels ?? {}) }, trafficPolicy: s.trafficPolicy });
    }
    if (!merged) this.rules.add(host, target);
  }

  /** The policy of cluster (host, subset, port): DR level, DR port level, subset level, subset port level. */
  policyFor(host: string, subset: string | null, port: number): ClusterPolicy {
    const rule = this.rules.lookup(host);
    const sub = subset !== null ? rule?.subsets.get(subset) : undefined;
    const base = layer(rule?.trafficPolicy, port);
    const over = layer(sub?.trafficPolicy, port);
    const lbSettings = over.loadBalancer ?? base.loadBalancer;
    const unsupported: string[] = [];
    if (lbSettings?.consistentHash) unsupported.push('loadBalancer.consistentHash (LEAST_REQUEST used)');
    const pool = over.connectionPool ?? base.connectionPool;
    for (const field of unenforcedConnectionPoolFields(pool)) unsupported.push(`${field} (not enforced)`);
    return {
      subsetLabels: subset === null ? null : (sub?.labels ?? null),
      subsetMissing: subset !== null && !sub,
      lb: lbPolicyOf(lbSettings?.simple),
      outlier: compileOutlier(over.outlierDetection ?? base.outlierDetection, this.onError),
      limits: compileConnectionLimits(pool, this.onError),
      sources: rule?.sources ?? [],
      unsupported,
    };
  }
}
