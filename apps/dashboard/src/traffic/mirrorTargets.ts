// What a mirror can point at: the services of the mesh and the subsets their DestinationRules define.
import { type Destination, type HTTPRoute, resolveHost } from '@shadowmesh/api';
import { hostFor, type ServiceSummary } from '../services/serviceIndex';
import { readMirrors } from './routeMirrors';
import { effectiveWeights } from './routeWeights';

export interface TargetOption {
  /** The service's FQDN (the option value). */
  fqdn: string;
  /** Shown in the picker: `httpbin`, or `ratings.shop` for another namespace. */
  label: string;
  /** The host to write in the VirtualService. */
  host: string;
  subsets: string[];
  /** The port to name it with (an HTTPRoute's backendRef needs one); absent for VirtualService targets. */
  port?: number;
}

/** Every service as a mirror target, as seen from a VirtualService in `namespace`. */
export function mirrorTargets(services: readonly ServiceSummary[], namespace: string): TargetOption[] {
  return services.map((s) => ({
    fqdn: s.fqdn,
    label: s.namespace === namespace ? s.name : `${s.name}.${s.namespace}`,
    host: hostFor(s, namespace),
    subsets: s.subsets,
  }));
}

/** The option a destination points at (by resolved host); undefined for hosts that are not services. */
export function targetOptionOf(
  targets: readonly TargetOption[],
  destination: Destination,
  namespace: string,
): TargetOption | undefined {
  const fqdn = resolveHost(destination.host, namespace);
  return targets.find((t) => t.fqdn === fqdn);
}

/**
 * A sensible target for a new mirror: a subset of the edited service that gets no traffic from the route
 * and is not mirrored yet (the new version), else any subset, else the service itself.
 */
export function defaultMirrorTarget(
  route: HTTPRoute,
  service: ServiceSummary,
  namespace: string,
): Destination {
  const host = hostFor(service, namespace);
  const mine = (d: Destination) => resolveHost(d.host, namespace) === service.fqdn;
  const weights = effectiveWeights(route);
  const routed = (route.route ?? []).filter((d, i) => mine(d.destination) && (weights[i] ?? 0) > 0);
  const mirrored = readMirrors(route).filter((m) => mine(m.destination));
  const taken = new Set([...routed, ...mirrored].map((d) => d.destination.subset ?? ''));
  const subset = service.subsets.find((s) => !taken.has(s)) ?? service.subsets[0];
  return subset ? { host, subset } : { host };
}

/** Subsets of the edited service that the route has no destination for (what "Add destination" offers). */
export function subsetsNotRouted(route: HTTPRoute, service: ServiceSummary, namespace: string): string[] {
  const routed = new Set(
    (route.route ?? [])
      .filter((d) => resolveHost(d.destination.host, namespace) === service.fqdn)
      .map((d) => d.destination.subset ?? ''),
  );
  return service.subsets.filter((s) => !routed.has(s));
}
