// A route/mirror destination resolved at compile time; its cluster depends on the port only when Istio's
// port choice falls back to the request's port.
import type { Destination } from '@shadowmesh/api';
import { resolveHost } from '@shadowmesh/api';
import type { RoutingCluster } from './cluster.js';
import type { ClusterFactory } from './cluster-factory.js';
import type { ServiceRegistry } from './service-registry.js';

export interface CompiledDestination {
  /** Resolved FQDN (or ServiceEntry host). */
  readonly host: string;
  readonly subset: string | null;
  /** The port when fixed at compile time (explicit, or the host's only port); null: the request's port. */
  readonly port: number | null;
  clusterFor(requestPort: number): RoutingCluster;
}

export interface DestinationContext {
  registry: ServiceRegistry;
  clusters: ClusterFactory;
  namespaces: ReadonlySet<string>;
}

/**
 * Resolves `destination` written in a resource of namespace `ns`: the host like istiod
 * (`httpbin` → `httpbin.<ns>.svc.cluster.local`), then the port as `GetDestinationCluster` does —
 * explicit `port.number`, else the host's only port, else the request's port.
 */
export function compileDestination(
  dest: Destination,
  ns: string,
  ctx: DestinationContext,
): CompiledDestination {
  const host = resolveHost(String(dest.host ?? ''), ns, { namespaces: ctx.namespaces });
  const subset = typeof dest.subset === 'string' && dest.subset !== '' ? dest.subset : null;
  const explicit = typeof dest.port?.number === 'number' && dest.port.number > 0 ? dest.port.number : null;
  return destinationFor(host, subset, explicit, ctx);
}

/** A destination for an already resolved host (registry hosts, used for default routes). */
export function destinationFor(
  host: string,
  subset: string | null,
  explicitPort: number | null,
  ctx: DestinationContext,
): CompiledDestination {
  const entry = ctx.registry.lookup(host);
  const only = entry && entry.ports.length === 1 ? entry.ports[0]!.number : null;
  const fixed = explicitPort ?? only;
  if (fixed !== null) {
    const cluster = ctx.clusters.get(host, subset, fixed);
    return { host, subset, port: fixed, clusterFor: () => cluster };
  }
  // Multi-port (or port-less) hosts: one cluster per request port, the known ones built now.
  const byPort = new Map<number, RoutingCluster>();
  for (const p of entry?.ports ?? []) byPort.set(p.number, ctx.clusters.get(host, subset, p.number));
  return {
    host,
    subset,
    port: null,
    clusterFor(requestPort) {
      let c = byPort.get(requestPort);
      if (!c) {
        // A port the registry does not list: built on first use and kept (bounded by the 65535 ports).
        c = ctx.clusters.get(host, subset, requestPort);
        byPort.set(requestPort, c);
      }
      return c;
    },
  };
}
