// What a route can add and mirror to, by the kind of object edited: a VirtualService routes to subsets of
// the service (DestinationRule subsets) and mirrors to any service and subset; a Gateway API HTTPRoute
// routes and mirrors to Services of its namespace (per-version Services such as `reviews-v2`), each named
// with its port, as backendRefs need one.
import { type Destination, type HTTPRoute, resolveHost } from '@shadowmesh/api';
import { hostFor, type ServiceSummary } from '../services/serviceIndex';
import { defaultMirrorTarget, mirrorTargets, subsetsNotRouted, type TargetOption } from './mirrorTargets';
import { readMirrors } from './routeMirrors';
import { effectiveWeights } from './routeWeights';
import type { TrafficKind } from './trafficObject';

export interface AddableDestination {
  /** The option value. */
  value: string;
  label: string;
  destination: Destination;
}

export interface DestinationChoices {
  /** Destinations have subsets (VirtualService) or are whole Services (HTTPRoute backends). */
  subsets: boolean;
  /** The accessible name of the "add a destination" select, and its empty option. */
  addLabel: string;
  addPrompt: string;
  /** What the route has no destination for yet. */
  addable(route: HTTPRoute): AddableDestination[];
  mirrorTargets: TargetOption[];
  /** A sensible target for a new mirror of the route. */
  defaultMirror(route: HTTPRoute): Destination;
}

/** The first port of a Service object, if it has one. */
function firstPort(service: ServiceSummary): number | undefined {
  return service.service?.spec.ports?.[0]?.port;
}

function backendOf(service: ServiceSummary, namespace: string): Destination {
  const port = firstPort(service);
  const destination: Destination = { host: hostFor(service, namespace) };
  if (port !== undefined) destination.port = { number: port };
  return destination;
}

function virtualServiceChoices(
  service: ServiceSummary,
  services: readonly ServiceSummary[],
  namespace: string,
): DestinationChoices {
  return {
    subsets: true,
    addLabel: 'Subset to add',
    addPrompt: 'Add a subset…',
    addable: (route) =>
      subsetsNotRouted(route, service, namespace).map((subset) => ({
        value: subset,
        label: subset,
        destination: { host: hostFor(service, namespace), subset },
      })),
    mirrorTargets: mirrorTargets(services, namespace),
    defaultMirror: (route) => defaultMirrorTarget(route, service, namespace),
  };
}

/**
 * Choices for an HTTPRoute: Services (with a Service object) of the route's namespace. A new mirror goes
 * to a backend the route gives no weight to, else to a not yet routed Service named after the edited one
 * (`reviews-v2` for `reviews`), else to the edited Service itself.
 */
function httpRouteChoices(
  service: ServiceSummary,
  services: readonly ServiceSummary[],
  namespace: string,
): DestinationChoices {
  const local = services.filter((s) => s.namespace === namespace && s.service !== null);
  const fqdnOf = (d: Destination) => resolveHost(d.host, namespace);
  return {
    subsets: false,
    addLabel: 'Backend to add',
    addPrompt: 'Add a backend Service…',
    addable: (route) => {
      const routed = new Set((route.route ?? []).map((d) => fqdnOf(d.destination)));
      return local
        .filter((s) => !routed.has(s.fqdn))
        .map((s) => ({ value: s.fqdn, label: s.name, destination: backendOf(s, namespace) }));
    },
    mirrorTargets: local.map((s) => {
      const port = firstPort(s);
      return {
        fqdn: s.fqdn,
        label: s.name,
        host: s.name,
        subsets: [],
        ...(port !== undefined ? { port } : {}),
      };
    }),
    defaultMirror: (route) => {
      const weights = effectiveWeights(route);
      const destinations = route.route ?? [];
      const mirrored = new Set(readMirrors(route).map((m) => fqdnOf(m.destination)));
      const idle = destinations.find(
        (d, i) => (weights[i] ?? 0) === 0 && !mirrored.has(fqdnOf(d.destination)),
      );
      if (idle) return idle.destination;
      const routed = new Set(
        destinations.filter((_, i) => (weights[i] ?? 0) > 0).map((d) => fqdnOf(d.destination)),
      );
      const sibling = local.find(
        (s) => s.name.startsWith(`${service.name}-`) && !routed.has(s.fqdn) && !mirrored.has(s.fqdn),
      );
      return backendOf(sibling ?? service, namespace);
    },
  };
}

export function destinationChoices(
  kind: TrafficKind,
  service: ServiceSummary,
  services: readonly ServiceSummary[],
  namespace: string,
): DestinationChoices {
  return kind === 'HTTPRoute'
    ? httpRouteChoices(service, services, namespace)
    : virtualServiceChoices(service, services, namespace);
}
