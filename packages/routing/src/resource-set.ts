// Sorts the input resources by kind, in Istio's precedence order (creation time, then name, then namespace).
import type {
  DestinationRule,
  Gateway,
  GatewayHTTPRoute,
  KubernetesGateway,
  MeshConfig,
  Resource,
  Service,
  ServiceEntry,
  ShadowPolicy,
  VirtualService,
  WorkloadEndpoint,
} from '@shadowmesh/api';

/** The resources one table is compiled from, grouped by kind and sorted. */
export interface ResourceSet {
  services: Service[];
  serviceEntries: ServiceEntry[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  gateways: Gateway[];
  meshConfigs: MeshConfig[];
  shadowPolicies: ShadowPolicy[];
  /** Gateway API kinds, translated into `virtualServices` and `gateways` before compiling. */
  httpRoutes: GatewayHTTPRoute[];
  kubernetesGateways: KubernetesGateway[];
  /** Every namespace named by a resource, an endpoint or the proxy: tells `name.namespace` from `host.tld`. */
  namespaces: Set<string>;
}

/** The namespace of a resource (`default` when absent, as kubectl does). */
export function namespaceOf(resource: Pick<Resource, 'metadata'>): string {
  return resource.metadata?.namespace || 'default';
}

/** `namespace/name` of a resource. */
export function keyOf(resource: Pick<Resource, 'metadata'>): string {
  return `${namespaceOf(resource)}/${resource.metadata?.name ?? ''}`;
}

function byCreation(a: Resource, b: Resource): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const sa = namespaceOf(a);
  const sb = namespaceOf(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Groups resources by kind. Resources without an object `metadata`/`spec` are skipped (the control plane
 * validates before pushing; this keeps the compiler total on anything else).
 */
export function groupResources(
  resources: readonly Resource[],
  endpoints: readonly WorkloadEndpoint[],
  proxyNamespace: string,
): ResourceSet {
  const set: ResourceSet = {
    services: [],
    serviceEntries: [],
    virtualServices: [],
    destinationRules: [],
    gateways: [],
    meshConfigs: [],
    shadowPolicies: [],
    httpRoutes: [],
    kubernetesGateways: [],
    namespaces: new Set([proxyNamespace]),
  };
  for (const r of resources) {
    if (!isObject(r) || !isObject(r.metadata) || !isObject(r.spec)) continue;
    set.namespaces.add(namespaceOf(r));
    switch (r.kind) {
      case 'Service':
        set.services.push(r as Service);
        break;
      case 'ServiceEntry':
        set.serviceEntries.push(r as ServiceEntry);
        break;
      case 'VirtualService':
        set.virtualServices.push(r as VirtualService);
        break;
      case 'DestinationRule':
        set.destinationRules.push(r as DestinationRule);
        break;
      case 'Gateway':
        set.gateways.push(r as Gateway);
        break;
      case 'MeshConfig':
        set.meshConfigs.push(r as MeshConfig);
        break;
      case 'ShadowPolicy':
        set.shadowPolicies.push(r as ShadowPolicy);
        break;
      case 'HTTPRoute':
        set.httpRoutes.push(r as GatewayHTTPRoute);
        break;
      case 'KubernetesGateway':
        set.kubernetesGateways.push(r as KubernetesGateway);
        break;
      default:
        break;
    }
  }
  for (const e of endpoints) if (e?.namespace) set.namespaces.add(e.namespace);
  for (const list of [
    set.services,
    set.serviceEntries,
    set.virtualServices,
    set.destinationRules,
    set.gateways,
    set.meshConfigs,
    set.shadowPolicies,
    set.httpRoutes,
    set.kubernetesGateways,
  ] as Resource[][]) {
    list.sort(byCreation);
  }
  return set;
}

/**
 * Istio `exportTo` visibility: absent or empty ⇒ everywhere; `*` everywhere; `.` the resource's own
 * namespace; `~` nowhere; otherwise the listed namespaces.
 */
export function isVisible(
  exportTo: readonly string[] | undefined,
  resourceNs: string,
  proxyNs: string,
): boolean {
  if (!Array.isArray(exportTo) || exportTo.length === 0) return true;
  for (const e of exportTo) {
    if (e === '*') return true;
    if (e === '.' && resourceNs === proxyNs) return true;
    if (e === proxyNs) return true;
  }
  return false;
}

/** True when every `selector` label is present with the same value in `labels` (an empty selector: true). */
export function selectorMatches(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (!selector) return true;
  for (const k of Object.keys(selector)) {
    if (labels?.[k] !== selector[k]) return false;
  }
  return true;
}

/** The array, or an empty one when the field is absent or (in unvalidated input) not an array. */
export function listOf<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Runs one resource's compilation; an exception (only possible on input the control plane's validation would
 * have refused) skips that resource and becomes an issue instead of failing the whole table.
 */
export function guarded(what: string, onIssue: (message: string) => void, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    onIssue(`${what}: skipped, malformed (${(err as Error)?.message ?? String(err)})`);
  }
}
