// The services of the mesh and the config that concerns each: Services, plus hosts that only
// VirtualServices or DestinationRules name, joined with the rules whose hosts cover them.
import {
  type DestinationRule,
  hostMatches,
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
}

const ns = (r: { metadata: { namespace?: string } }) => r.metadata.namespace ?? 'default';

/** True when a VirtualService applies to sidecars (no `gateways`, or `mesh` among them). */
export function appliesToMesh(vs: VirtualService): boolean {
  const gateways = vs.spec.gateways;
  return !gateways || gateways.length === 0 || gateways.includes('mesh');
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
  for (const entry of byFqdn.values()) {
    entry.virtualServices = meshVs.filter((vs) =>
      (vs.spec.hosts ?? []).some((h) => hostMatches(resolveHost(h, ns(vs)), entry.fqdn)),
    );
    entry.destinationRules = objects.destinationRules.filter(
      (dr) => resolveHost(dr.spec.host, ns(dr)) === entry.fqdn,
    );
    entry.subsets = [
      ...new Set(entry.destinationRules.flatMap((dr) => (dr.spec.subsets ?? []).map((s) => s.name))),
    ];
    const routes = entry.virtualServices.flatMap((vs) => vs.spec.http ?? []);
    entry.hasMirror = routes.some((r) => r.mirror !== undefined || (r.mirrors?.length ?? 0) > 0);
    entry.hasWeights = routes.some((r) => (r.route?.length ?? 0) > 1);
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
