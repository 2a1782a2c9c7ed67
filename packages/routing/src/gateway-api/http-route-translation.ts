// Gateway API HTTPRoutes → Istio VirtualServices, as istiod translates them: rules attached to the same
// parent are merged into one VirtualService and ordered by the specification's precedence.
import type { GatewayHTTPRoute, KubernetesGateway, VirtualService } from '@shadowmesh/api';
import { isGatewayRef, isServiceRef, parentGroupKind, serviceFqdn } from '@shadowmesh/api';
import { namespaceOf } from '../resource-set.js';
import { listenerGatewayName } from './gateway-translation.js';
import { compareRanks } from './match-translation.js';
import { type RankedRoute, type ServiceExists, translateRule } from './rule-translation.js';

/** The VirtualService being assembled for one parent (and, for gateways, one hostname). */
interface Group {
  namespace: string;
  name: string;
  hosts: string[];
  gateways?: string[];
  exportTo: string[];
  routes: RankedRoute[];
  /** Service parents: a parentRef with a port narrowed some rules to it (other ports keep the default route). */
  portNarrowed?: boolean;
}

export interface TranslationInput {
  httpRoutes: readonly GatewayHTTPRoute[];
  gateways: readonly KubernetesGateway[];
  serviceExists: ServiceExists;
  onIssue: (message: string) => void;
}

function byPrecedence(a: RankedRoute, b: RankedRoute): number {
  return (
    compareRanks(a.rank, b.rank) ||
    (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
    a.rule - b.rule ||
    a.match - b.match
  );
}

function groupFor(groups: Map<string, Group>, id: string, make: () => Omit<Group, 'routes'>): Group {
  let g = groups.get(id);
  if (!g) {
    g = { ...make(), routes: [] };
    groups.set(id, g);
  }
  return g;
}

function addRules(group: Group, route: GatewayHTTPRoute, port: number | undefined, exists: ServiceExists) {
  (route.spec.rules ?? []).forEach((_, i) => {
    group.routes.push(...translateRule(route, i, port, exists));
  });
}

/**
 * A Service parent (GAMMA): the route governs mesh traffic to that Service (its `hostnames` do not apply).
 * A route in the Service's namespace is a producer route, seen by every client; one in another namespace
 * is a consumer route, seen only by clients in its own namespace, before the producer's.
 */
function attachToService(
  groups: Map<string, Group>,
  route: GatewayHTTPRoute,
  parent: { name: string; namespace?: string; port?: number },
  exists: ServiceExists,
  onIssue: (message: string) => void,
): void {
  const routeNs = namespaceOf(route);
  const svcNs = parent.namespace || routeNs;
  if (!exists(parent.name, svcNs)) {
    onIssue(
      `HTTPRoute ${routeNs}/${route.metadata.name}: parent Service ${svcNs}/${parent.name} does not exist`,
    );
    return;
  }
  const host = serviceFqdn(parent.name, svcNs);
  const consumer = routeNs !== svcNs;
  const id = `mesh|${host}|${consumer ? routeNs : ''}`;
  const group = groupFor(groups, id, () => ({
    namespace: routeNs,
    name: `httproute~${parent.name}${consumer ? `~${svcNs}` : ''}`,
    hosts: [host],
    exportTo: consumer ? ['.'] : ['*'],
  }));
  if (parent.port !== undefined) group.portNarrowed = true;
  addRules(group, route, parent.port, exists);
}

/** A Gateway parent: one VirtualService per hostname, bound to the listeners the reference selects. */
function attachToGateway(
  groups: Map<string, Group>,
  route: GatewayHTTPRoute,
  parent: { name: string; namespace?: string; sectionName?: string; port?: number },
  gatewaysByKey: ReadonlyMap<string, KubernetesGateway>,
  input: TranslationInput,
): void {
  const routeNs = namespaceOf(route);
  const gwNs = parent.namespace || routeNs;
  const gw = gatewaysByKey.get(`${gwNs}/${parent.name}`);
  const routeKey = `${routeNs}/${route.metadata.name}`;
  if (!gw) {
    input.onIssue(`HTTPRoute ${routeKey}: parent Gateway ${gwNs}/${parent.name} does not exist`);
    return;
  }
  const listeners = (gw.spec.listeners ?? []).filter(
    (l) =>
      (parent.sectionName === undefined || l.name === parent.sectionName) &&
      (parent.port === undefined || l.port === parent.port),
  );
  if (listeners.length === 0) {
    input.onIssue(
      `HTTPRoute ${routeKey}: no listener of Gateway ${gwNs}/${parent.name} matches its parentRef`,
    );
    return;
  }
  const gateways = listeners.map((l) => `${gwNs}/${listenerGatewayName(gw, l)}`);
  const hostnames = route.spec.hostnames && route.spec.hostnames.length > 0 ? route.spec.hostnames : ['*'];
  for (const hostname of hostnames) {
    const id = `gw|${gateways.join(',')}|${hostname}|${routeNs}`;
    const group = groupFor(groups, id, () => ({
      namespace: routeNs,
      name: `httproute~${parent.name}~${hostname.replace('*', 'wildcard')}`,
      hosts: [hostname],
      gateways,
      exportTo: ['*'],
    }));
    addRules(group, route, undefined, input.serviceExists);
  }
}

/**
 * The VirtualServices the HTTPRoutes stand for. Consumer (namespace-local) groups come first, so they
 * take precedence over producer routes for the same Service; the rest keep a stable order.
 */
export function translateHTTPRoutes(input: TranslationInput): VirtualService[] {
  const gatewaysByKey = new Map(input.gateways.map((g) => [`${namespaceOf(g)}/${g.metadata.name}`, g]));
  const groups = new Map<string, Group>();
  for (const route of input.httpRoutes) {
    for (const parent of route.spec.parentRefs ?? []) {
      // The CRD's defaults (group gateway.networking.k8s.io, kind Gateway), as validation reads them.
      const gk = parentGroupKind(parent);
      if (isServiceRef(gk)) attachToService(groups, route, parent, input.serviceExists, input.onIssue);
      else if (isGatewayRef(gk)) attachToGateway(groups, route, parent, gatewaysByKey, input);
      else {
        input.onIssue(
          `HTTPRoute ${namespaceOf(route)}/${route.metadata.name}: parentRef kind ${gk.group}/${gk.kind} is not supported`,
        );
      }
    }
  }
  const ordered = [...groups.values()].sort(
    (a, b) => Number(b.exportTo[0] === '.') - Number(a.exportTo[0] === '.'),
  );
  const lastOfHost = new Map<string, Group>();
  const narrowedHosts = new Set<string>();
  for (const g of ordered) {
    if (g.gateways) continue;
    lastOfHost.set(g.hosts[0] ?? '', g);
    if (g.portNarrowed) narrowedHosts.add(g.hosts[0] ?? '');
  }
  return ordered.map((g) => {
    const http = [...g.routes].sort(byPrecedence).map((r) => r.route);
    const host = g.hosts[0] ?? '';
    // A port-narrowed parent leaves the Service's other ports as they were: the default route, last.
    if (narrowedHosts.has(host) && lastOfHost.get(host) === g) {
      http.push({ name: 'default', route: [{ destination: { host } }] });
    }
    return {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: g.name, namespace: g.namespace },
      spec: { hosts: g.hosts, ...(g.gateways ? { gateways: g.gateways } : {}), exportTo: g.exportTo, http },
    };
  });
}
