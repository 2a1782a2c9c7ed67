// The service registry a table routes to: Kubernetes Services (endpoints = workloads their selector picks in the
// same namespace) and ServiceEntry hosts (endpoints listed, selected, or the host itself for DNS/NONE).
import type { Service, ServiceEntry, WorkloadEndpoint } from '@shadowmesh/api';
import { serviceFqdn } from '@shadowmesh/api';
import { normaliseHost } from './authority.js';
import { HostIndex } from './host-index.js';
import {
  guarded,
  isVisible,
  keyOf,
  listOf,
  namespaceOf,
  type ResourceSet,
  selectorMatches,
} from './resource-set.js';
import type { Endpoint } from './types.js';

export interface RegistryPort {
  number: number;
  name: string | undefined;
  targetPort: number | undefined;
}

/** One routable host. */
export interface RegistryHost {
  /** FQDN for Services, the literal host for ServiceEntries (may be a wildcard). */
  readonly host: string;
  readonly namespace: string;
  readonly kind: 'service' | 'service-entry';
  /** `namespace/name` of the defining resource. */
  readonly source: string;
  readonly ports: readonly RegistryPort[];
  /** All endpoints of the host for one service port (subset filtering happens in the cluster factory). */
  endpoints(port: number): readonly Endpoint[];
}

/** Wraps a WorkloadEndpoint as a routing Endpoint (frozen, shared by every cluster that contains it). */
export function toEndpoint(w: WorkloadEndpoint): Endpoint {
  return Object.freeze({
    address: w.address,
    workload: w.workload,
    namespace: w.namespace,
    labels: Object.freeze({ ...(w.labels ?? {}) }),
  });
}

function serviceHost(svc: Service, workloads: readonly Endpoint[]): RegistryHost {
  const ns = namespaceOf(svc);
  const selector = svc.spec.selector;
  // A Service without a selector has no managed endpoints (Kubernetes semantics).
  const eps =
    selector && Object.keys(selector).length > 0
      ? workloads.filter((w) => w.namespace === ns && selectorMatches(selector, w.labels))
      : [];
  const ports = listOf(svc.spec.ports)
    .filter((p) => typeof p?.port === 'number')
    .map((p) => ({
      number: p.port,
      name: p.name,
      targetPort: typeof p.targetPort === 'number' ? p.targetPort : undefined,
    }));
  return {
    host: serviceFqdn(svc.metadata.name, ns),
    namespace: ns,
    kind: 'service',
    source: `${ns}/${svc.metadata.name}`,
    ports,
    endpoints: () => eps,
  };
}

function entryHost(se: ServiceEntry, host: string, workloads: readonly Endpoint[]): RegistryHost {
  const ns = namespaceOf(se);
  const ports: RegistryPort[] = listOf(se.spec.ports)
    .filter((p) => typeof p?.number === 'number')
    .map((p) => ({ number: p.number, name: p.name, targetPort: p.targetPort }));
  const cache = new Map<number, readonly Endpoint[]>();
  const source = `${ns}/${se.metadata.name}`;
  const build = (port: number): readonly Endpoint[] => {
    const spec = ports.find((p) => p.number === port);
    const target = spec?.targetPort ?? port;
    if (se.spec.workloadSelector?.labels) {
      const sel = se.spec.workloadSelector.labels;
      return workloads.filter((w) => w.namespace === ns && selectorMatches(sel, w.labels));
    }
    if (Array.isArray(se.spec.endpoints) && se.spec.endpoints.length > 0) {
      return se.spec.endpoints
        .filter((e) => typeof e?.address === 'string' && e.address !== '')
        .map((e) => {
          const p = (spec?.name !== undefined ? e.ports?.[spec.name] : undefined) ?? target;
          const address =
            e.address!.includes(':') && !e.address!.startsWith('[') ? `[${e.address}]` : e.address!;
          return Object.freeze({
            address: `${address}:${p}`,
            workload: e.address!,
            namespace: ns,
            labels: Object.freeze({ ...(e.labels ?? {}) }),
          });
        });
    }
    // DNS / NONE without endpoints: the host itself (a wildcard host has no single address).
    if (host.startsWith('*') || se.spec.resolution === 'STATIC') return [];
    return [Object.freeze({ address: `${host}:${target}`, workload: host, namespace: ns, labels: {} })];
  };
  return {
    host,
    namespace: ns,
    kind: 'service-entry',
    source,
    ports,
    endpoints(port) {
      let eps = cache.get(port);
      if (!eps) {
        eps = build(port);
        cache.set(port, eps);
      }
      return eps;
    },
  };
}

/** Services and ServiceEntry hosts visible to the proxy, looked up by FQDN (wildcard entries after exact). */
export class ServiceRegistry {
  readonly hosts: HostIndex<RegistryHost>;
  readonly workloads: readonly Endpoint[];

  constructor(
    set: ResourceSet,
    endpoints: readonly WorkloadEndpoint[],
    proxyNamespace: string,
    onIssue: (message: string) => void,
  ) {
    this.workloads = endpoints
      .filter((w) => typeof w?.address === 'string' && typeof w.namespace === 'string')
      .map(toEndpoint);
    this.hosts = new HostIndex();
    for (const svc of set.services) {
      guarded(`Service ${keyOf(svc)}`, onIssue, () => {
        const h = serviceHost(svc, this.workloads);
        if (!this.hosts.getExact(h.host)) this.hosts.add(h.host, h);
      });
    }
    for (const se of set.serviceEntries) {
      if (!isVisible(se.spec.exportTo, namespaceOf(se), proxyNamespace)) continue;
      guarded(`ServiceEntry ${keyOf(se)}`, onIssue, () => {
        for (const raw of listOf(se.spec.hosts)) {
          if (typeof raw !== 'string' || raw === '') continue;
          const host = normaliseHost(raw);
          if (this.hosts.getExact(host)) continue;
          this.hosts.add(host, entryHost(se, host, this.workloads));
        }
      });
    }
  }

  /** The registry host for an FQDN: an exact entry, else the most specific wildcard ServiceEntry. */
  lookup(fqdn: string): RegistryHost | null {
    return this.hosts.lookup(fqdn);
  }

  /**
   * Istio's port choice for a destination without `port`: the host's only port, else the request's port.
   */
  defaultPort(host: RegistryHost | null, requestPort: number): number {
    if (host && host.ports.length === 1) return host.ports[0]!.number;
    return requestPort;
  }
}
