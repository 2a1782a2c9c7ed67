// Builds each cluster once per table (by name) and hands it the state it had in the previous table.
import { clusterName, RoutingCluster } from './cluster.js';
import type { DestinationRuleIndex } from './destination-rules.js';
import { clusterStateFor, pruneEndpointStates, type StateStore } from './endpoint-state.js';
import { selectorMatches } from './resource-set.js';
import type { ServiceRegistry } from './service-registry.js';

export class ClusterFactory {
  private readonly clusters = new Map<string, RoutingCluster>();

  constructor(
    private readonly registry: ServiceRegistry,
    private readonly rules: DestinationRuleIndex,
    private readonly store: StateStore,
    private readonly previous: StateStore | undefined,
    private readonly onIssue: (message: string) => void,
  ) {}

  /**
   * The cluster `outbound|port|subset|host`. An unknown host or an undeclared subset gives a cluster with no
   * endpoints (its `pick` returns null: the proxy answers 503 UH) and an issue in the dump.
   */
  get(host: string, subset: string | null, port: number): RoutingCluster {
    const name = clusterName(port, subset, host);
    const existing = this.clusters.get(name);
    if (existing) return existing;
    const entry = this.registry.lookup(host);
    const policy = this.rules.policyFor(host, subset, port);
    if (!entry) this.onIssue(`cluster ${name}: host ${host} is not in the service registry`);
    if (policy.subsetMissing) this.onIssue(`cluster ${name}: no DestinationRule declares subset "${subset}"`);
    for (const u of policy.unsupported) this.onIssue(`cluster ${name}: ${u}`);
    const all = entry?.endpoints(port) ?? [];
    const endpoints = policy.subsetMissing
      ? []
      : policy.subsetLabels
        ? all.filter((e) => selectorMatches(policy.subsetLabels!, e.labels))
        : all;
    const state = clusterStateFor(this.store, name, this.previous);
    pruneEndpointStates(state, new Set(endpoints.map((e) => e.address)));
    const cluster = new RoutingCluster(
      { name, host, subset, port, endpoints, lb: policy.lb, outlier: policy.outlier, limits: policy.limits },
      this.store,
      state,
    );
    this.clusters.set(name, cluster);
    return cluster;
  }

  all(): RoutingCluster[] {
    return [...this.clusters.values()];
  }
}
