// The services of the mesh and the config that concerns each: Services, plus hosts that only
// VirtualServices, DestinationRules or HTTPRoutes name, joined with the rules whose hosts cover them
// (and the Gateway API HTTPRoutes that attach to them as their parent Service, GAMMA's mesh case).
import {
  type DestinationRule,
  type GatewayHTTPRoute,
  hostMatches,
  type ParentReference,
  resolveHost,
  type Service,
  serviceFqdn,
  splitServiceHost,
  type VirtualService,
} from '@shadowmesh/api';

export interface ServiceSummary {
  namespace: string;
  name: string;
  /** `name.namespace.svc.cluster.local`. */
  fqdn: string;
  /** The Service object; null when only routing rules name this host. */
  service: Service | null;
  /** Mesh VirtualServices whose hosts cover this service (gateway-only ones are left out). */
  virtualServices: VirtualService[];
  /** Gateway API HTTPRoutes with this Service as a parentRef (the mesh case, GAMMA). */
  httpRoutes: GatewayHTTPRoute[];
  /** DestinationRules whose host is this service. */
  destinationRules: DestinationRule[];
  /** Subset names over those DestinationRules, in order, without repeats. */
  subsets: string[];
  hasMirror: boolean;
  hasWeights: boolean;
}

export interface MeshConfigObjects {
  services: readonly Service[];
  virtualServices: readonly VirtualService[];
  destinationRules: readonly DestinationRule[];
  /** Gateway API HTTPRoutes (optional: a caller that has none leaves it out). */
  httpRoutes?: readonly GatewayHTTPRoute[];
}

const ns = (r: { metadata: { namespace?: string } }) => r.metadata.namespace ?? 'default';

/** True when a VirtualService applies to sidecars (no `gateways`, or `mesh` among them). */
export function appliesToMesh(vs: VirtualService): boolean {
  const gateways = vs.spec.gateways;
  return !gateways || gateways.length === 0 || gateways.includes('mesh');
}

/**
 * The Service a parentRef names, as `{name, namespace}`, or null for a Gateway parent. A Service parent is
 * `kind: Service` in the core group (`group: ""`). An absent group is taken as core too, for a draft being
 * typed: the CRD's default group is gateway.networking.k8s.io, so validation refuses such a ref on save.
 */
export function serviceParentOf(
  ref: ParentReference,
  routeNamespace: string,
): { name: string; namespace: string } | null {
  if (ref.kind !== 'Service' || (ref.group !== undefined && ref.group !== '')) return null;
  return { name: ref.name, namespace: ref.namespace || routeNamespace };
}

/** True when the HTTPRoute rule list mirrors (a RequestMirror filter) or splits (several backends). */
function httpRouteFlags(route: GatewayHTTPRoute): { mirror: boolean; weights: boolean } {
  const rules = route.spec.rules ?? [];
  return {
    mirror: rules.some((r) => (r.filters ?? []).some((f) => f.type === 'RequestMirror')),
    weights: rules.some((r) => (r.backendRefs?.length ?? 0) > 1),
  };
}

/** Every service, sorted by namespace and name, with the rules that concern it. */
export function indexServices(objects: MeshConfigObjects): ServiceSummary[] {
  const byFqdn = new Map<string, ServiceSummary>();
  const ensure = (name: string, namespace: string): ServiceSummary => {
    const fqdn = serviceFqdn(name, namespace);
    let entry = byFqdn.get(fqdn);
    if (!entry) {
      entry = {
        namespace,
        name,
        fqdn,
        service: null,
        virtualServices: [],
        httpRoutes: [],
        destinationRules: [],
        subsets: [],
        hasMirror: false,
        hasWeights: false,
      };
      byFqdn.set(fqdn, entry);
    }
    return entry;
  };
  for (const service of objects.services) ensure(service.metadata.name, ns(service)).service = service;
  const meshVs = objects.virtualServices.filter(appliesToMesh);
  for (const vs of meshVs) {
    for (const host of vs.spec.hosts ?? []) {
      const split = splitServiceHost(resolveHost(host, ns(vs)));
      if (split) ensure(split.name, split.namespace);
    }
  }
  for (const dr of objects.destinationRules) {
    const split = splitServiceHost(resolveHost(dr.spec.host, ns(dr)));
    if (split) ensure(split.name, split.namespace);
  }
  const httpRoutes = objects.httpRoutes ?? [];
  const parentsOf = (route: GatewayHTTPRoute) =>
    (route.spec.parentRefs ?? []).flatMap((ref) => {
      const parent = serviceParentOf(ref, ns(route));
      return parent ? [serviceFqdn(parent.name, parent.namespace)] : [];
    });
  for (const route of httpRoutes) {
    for (const ref of route.spec.parentRefs ?? []) {
      const parent = serviceParentOf(ref, ns(route));
      if (parent) ensure(parent.name, parent.namespace);
    }
  }
  for (const entry of byFqdn.values()) {
    entry.virtualServices = meshVs.filter((vs) =>
      (vs.spec.hosts ?? []).some((h) => hostMatches(resolveHost(h, ns(vs)), entry.fqdn)),
    );
    entry.httpRoutes = httpRoutes.filter((route) => parentsOf(route).includes(entry.fqdn));
    entry.destinationRules = objects.destinationRules.filter(
      (dr) => resolveHost(dr.spec.host, ns(dr)) === entry.fqdn,
    );
    entry.subsets = [
      ...new Set(entry.destinationRules.flatMap((dr) => (dr.spec.subsets ?? []).map((s) => s.name))),
    ];
    const routes = entry.virtualServices.flatMap((vs) => vs.spec.http ?? []);
    const gateway = entry.httpRoutes.map(httpRouteFlags);
    entry.hasMirror =
      routes.some((r) => r.mirror !== undefined || (r.mirrors?.length ?? 0) > 0) ||
      gateway.some((g) => g.mirror);
    entry.hasWeights = routes.some((r) => (r.route?.length ?? 0) > 1) || gateway.some((g) => g.weights);
  }
  return [...byFqdn.values()].sort(
    (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
}

/** The host to write in a rule of `fromNamespace` that names this service: short when local, else FQDN. */
export function hostFor(
  service: Pick<ServiceSummary, 'name' | 'namespace' | 'fqdn'>,
  fromNamespace: string,
): string {
  return service.namespace === fromNamespace ? service.name : service.fqdn;
}

/** The service a destination host (as written in a rule of `namespace`) refers to, if it is one of them. */
export function serviceOfHost(
  services: readonly ServiceSummary[],
  host: string,
  namespace: string,
): ServiceSummary | undefined {
  const fqdn = resolveHost(host, namespace);
  return services.find((s) => s.fqdn === fqdn);
}
