// Conflicts between mesh routes of different resources: an HTTPRoute attached to a Service and a mesh
// VirtualService for that Service's host (SM0502), and two HTTPRoutes on one Service with an identical
// match, where Gateway API's precedence (oldest first, then namespace/name) makes the newer one dead (SM0503).
import type { GatewayHTTPRoute, HTTPRouteMatch } from '../../resources/gateway-api/http-route-kind.js';
import { isServiceRef, parentGroupKind } from '../../resources/gateway-api/references.js';
import { serviceFqdn } from '../../resources/host.js';
import type { MeshResource } from '../../resources/mesh-resource.js';
import type { Issue } from '../finding.js';
import type { MeshIndex } from './mesh-index.js';

type Out = Map<MeshResource, Issue[]>;

function push(out: Out, r: MeshResource, issue: Issue): void {
  out.set(r, [...(out.get(r) ?? []), issue]);
}

function keyOf(r: MeshResource): string {
  return `${r.metadata.namespace ?? 'default'}/${r.metadata.name}`;
}

/** Gateway API precedence between routes: the oldest creationTimestamp, then `namespace/name` order. */
function byPrecedence(a: MeshResource, b: MeshResource): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta === tb ? keyOf(a).localeCompare(keyOf(b)) : ta < tb ? -1 : 1;
}

/** The Service FQDNs an HTTPRoute is attached to, with the parentRef field of each. */
function serviceParents(route: GatewayHTTPRoute): { fqdn: string; field: string }[] {
  const ns = route.metadata.namespace ?? 'default';
  return (route.spec.parentRefs ?? []).flatMap((ref, i) =>
    isServiceRef(parentGroupKind(ref))
      ? [{ fqdn: serviceFqdn(ref.name, ref.namespace ?? ns), field: `spec.parentRefs[${i}]` }]
      : [],
  );
}

/** A match with the CRD's defaults filled in and its lists ordered, as a comparable string. */
function matchKey(m: HTTPRouteMatch): string {
  const values = (list: HTTPRouteMatch['headers'], lower: boolean) =>
    (list ?? [])
      .map((v) => [v.type ?? 'Exact', lower ? v.name.toLowerCase() : v.name, v.value])
      .sort((a, b) => a.join('\n').localeCompare(b.join('\n')));
  return JSON.stringify([
    m.path?.type ?? 'PathPrefix',
    m.path?.value ?? '/',
    values(m.headers, true),
    values(m.queryParams, false),
    m.method ?? '',
  ]);
}

function meshVirtualServiceConflicts(resources: readonly MeshResource[], index: MeshIndex, out: Out): void {
  const meshHosts = new Map<string, { resource: MeshResource; field: string }[]>();
  for (const r of resources) {
    if (r.kind !== 'VirtualService') continue;
    const gateways = r.spec.gateways ?? [];
    if (gateways.length > 0 && !gateways.includes('mesh')) continue;
    const ns = r.metadata.namespace ?? 'default';
    for (const [j, h] of (r.spec.hosts ?? []).entries()) {
      const host = index.resolve(h, ns);
      meshHosts.set(host, [...(meshHosts.get(host) ?? []), { resource: r, field: `spec.hosts[${j}]` }]);
    }
  }
  for (const route of resources) {
    if (route.kind !== 'HTTPRoute') continue;
    for (const { fqdn, field } of serviceParents(route)) {
      for (const vs of meshHosts.get(fqdn) ?? []) {
        const message = `${fqdn} has mesh routes in both HTTPRoute ${keyOf(route)} and VirtualService ${keyOf(vs.resource)}: a sidecar applies one set of routes per host, so one of them is ignored; merge them into one resource`;
        push(out, route, { code: 'SM0502', field, message });
        push(out, vs.resource, { code: 'SM0502', field: vs.field, message });
      }
    }
  }
}

function identicalMatches(resources: readonly MeshResource[], out: Out): void {
  // Routes from one namespace to one Service are merged; consumer routes (another namespace) stand apart.
  const groups = new Map<string, { route: GatewayHTTPRoute; field: string }[]>();
  for (const route of resources) {
    if (route.kind !== 'HTTPRoute') continue;
    const parents = new Set(serviceParents(route).map((p) => p.fqdn));
    const ns = route.metadata.namespace ?? 'default';
    for (const fqdn of parents) {
      for (const [i, rule] of (route.spec.rules ?? []).entries()) {
        const matches = rule.matches ?? [{}];
        for (const [j, m] of matches.entries()) {
          const field = rule.matches ? `spec.rules[${i}].matches[${j}]` : `spec.rules[${i}]`;
          const key = `${fqdn}|${ns}|${matchKey(m)}`;
          groups.set(key, [...(groups.get(key) ?? []), { route, field }]);
        }
      }
    }
  }
  for (const [key, entries] of groups) {
    const routes = [...new Set(entries.map((e) => e.route))].sort(byPrecedence);
    const winner = routes[0];
    if (!winner || routes.length < 2) continue;
    const winnerField = entries.find((e) => e.route === winner)?.field ?? '';
    const fqdn = key.slice(0, key.indexOf('|'));
    for (const e of entries) {
      if (e.route === winner) continue;
      push(out, e.route, {
        code: 'SM0503',
        field: e.field,
        message: `this match is identical to ${winnerField} of HTTPRoute ${keyOf(winner)} on parent Service ${fqdn}; the older route wins, so this match never applies`,
      });
    }
  }
}

/** SM0502 and SM0503, added to `out` (resource → issues). */
export function checkGatewayApiConflicts(
  resources: readonly MeshResource[],
  index: MeshIndex,
  out: Out,
): void {
  meshVirtualServiceConflicts(resources, index, out);
  identicalMatches(resources, out);
}
