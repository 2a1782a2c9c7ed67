// Mutable load-balancer and outlier-detection state, kept apart from the compiled (immutable) route table so it
// survives a config update: a new table reuses the previous table's state by cluster name + endpoint address.

/** Per endpoint of one cluster. */
export interface EndpointState {
  /** Requests started and not yet ended (least-request balancing). */
  active: number;
  consecutive5xx: number;
  consecutiveGateway: number;
  /** Ejected until this time (ms); 0 when not ejected. */
  ejectedUntil: number;
  /** Envoy's ejection-time backoff multiplier: +1 per ejection, −1 per healthy interval. */
  backoff: number;
  /** When the endpoint last came back from an ejection (ms), for the backoff decay; null if never ejected. */
  healthySince: number | null;
  /** Ejections so far, for config_dump. */
  ejections: number;
}

/** Per cluster name. */
export interface ClusterState {
  readonly endpoints: Map<string, EndpointState>;
  /** Next round-robin position. */
  rrIndex: number;
  /** Bumped whenever an endpoint is ejected, so compiled clusters refresh their healthy list. */
  ejectionVersion: number;
}

/** Everything mutable behind one route table, handed on to the next table compiled from it. */
export interface StateStore {
  readonly clusters: Map<string, ClusterState>;
  /** The latest time seen (ms), used when `pick` is called without a time. */
  clock: { now: number };
}

export function createStateStore(previous?: StateStore): StateStore {
  return { clusters: new Map(), clock: previous?.clock ?? { now: 0 } };
}

/** The state of `clusterName`, taken over from `previous` when it had one, else fresh. */
export function clusterStateFor(store: StateStore, clusterName: string, previous?: StateStore): ClusterState {
  let state = store.clusters.get(clusterName);
  if (state) return state;
  state = previous?.clusters.get(clusterName) ?? { endpoints: new Map(), rrIndex: 0, ejectionVersion: 0 };
  store.clusters.set(clusterName, state);
  return state;
}

/** The state of one endpoint address inside a cluster state (created on first use). */
export function endpointStateFor(cluster: ClusterState, address: string): EndpointState {
  let state = cluster.endpoints.get(address);
  if (!state) {
    state = {
      active: 0,
      consecutive5xx: 0,
      consecutiveGateway: 0,
      ejectedUntil: 0,
      backoff: 0,
      healthySince: null,
      ejections: 0,
    };
    cluster.endpoints.set(address, state);
  }
  return state;
}

/** Drops endpoint states whose addresses left the cluster, so state does not grow without bound. */
export function pruneEndpointStates(cluster: ClusterState, addresses: ReadonlySet<string>): void {
  for (const address of cluster.endpoints.keys()) {
    if (!addresses.has(address)) cluster.endpoints.delete(address);
  }
}
