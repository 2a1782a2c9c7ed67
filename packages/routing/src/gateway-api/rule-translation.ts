// One Gateway API `HTTPRouteRule` → the Istio HTTPRoutes it stands for, one per (split) match.
import type {
  GatewayHTTPRoute,
  Headers,
  HTTPRoute,
  HTTPRouteDestination,
  HTTPRouteFilter,
  HTTPRouteRule,
} from '@shadowmesh/api';
import { backendGroupKind, isServiceRef } from '@shadowmesh/api';
import { namespaceOf } from '../resource-set.js';
import {
  backendDestination,
  headerOperations,
  mirrorPolicy,
  redirectOf,
  rewriteOf,
} from './filter-translation.js';
import { type MatchRank, matchRank, type PathPart, translateMatch } from './match-translation.js';

/** A translated Istio route with what orders it among every rule attached to the same parent. */
export interface RankedRoute {
  route: HTTPRoute;
  rank: MatchRank;
  /** Ties: the older HTTPRoute, then `namespace/name`, then rule and match order. */
  created: string;
  key: string;
  rule: number;
  match: number;
}

/** True when `name` in `namespace` is a Service the mesh knows (a backend to anything else is invalid). */
export type ServiceExists = (name: string, namespace: string) => boolean;

/** The route-level (or backend-level) header modifiers of a filter list, as Istio `headers`. */
function headersOf(filters: readonly HTTPRouteFilter[] | undefined): Headers | undefined {
  const request = filters?.find((f) => f.type === 'RequestHeaderModifier')?.requestHeaderModifier;
  const response = filters?.find((f) => f.type === 'ResponseHeaderModifier')?.responseHeaderModifier;
  if (!request && !response) return undefined;
  const headers: Headers = {};
  if (request) headers.request = headerOperations(request);
  if (response) headers.response = headerOperations(response);
  return headers;
}

function destinations(rule: HTTPRouteRule, ns: string, exists: ServiceExists): HTTPRouteDestination[] {
  const out: HTTPRouteDestination[] = [];
  for (const ref of rule.backendRefs ?? []) {
    const weight = ref.weight ?? 1;
    if (weight <= 0) continue; // weight 0: the backend gets no traffic
    if (!isServiceRef(backendGroupKind(ref))) continue;
    if (!exists(ref.name, ref.namespace || ns)) continue;
    const d: HTTPRouteDestination = { destination: backendDestination(ref, ns), weight };
    const headers = headersOf(ref.filters);
    if (headers) d.headers = headers;
    out.push(d);
  }
  return out;
}

/** The route fields one rule's filters, backends and timeouts give, for one half of a split match. */
function actions(rule: HTTPRouteRule, ns: string, part: PathPart, exists: ServiceExists): HTTPRoute {
  const route: HTTPRoute = {};
  const filters = rule.filters ?? [];
  const headers = headersOf(filters);
  if (headers) route.headers = headers;
  const mirrors = filters.flatMap((f) =>
    f.type === 'RequestMirror' && f.requestMirror ? [mirrorPolicy(f.requestMirror, ns)] : [],
  );
  if (mirrors.length > 0) route.mirrors = mirrors;
  const redirect = filters.find((f) => f.type === 'RequestRedirect')?.requestRedirect;
  if (redirect) {
    route.redirect = redirectOf(redirect, part);
    return route;
  }
  const rewrite = filters.find((f) => f.type === 'URLRewrite')?.urlRewrite;
  if (rewrite) route.rewrite = rewriteOf(rewrite, part);
  const timeout = rule.timeouts?.request ?? rule.timeouts?.backendRequest;
  if (timeout !== undefined) route.timeout = timeout;
  const to = destinations(rule, ns, exists);
  // No backend to send to (none listed, all weight 0, or none valid): 500, as the specification requires.
  if (to.length === 0) route.directResponse = { status: 500 };
  else route.route = to;
  return route;
}

/**
 * The Istio routes of one HTTPRoute rule. Each match becomes its own route (a PathPrefix two, see
 * translateMatch); a rule with no matches matches everything (`PathPrefix /`). `port` narrows every match
 * to a Service parent's port.
 */
export function translateRule(
  httpRoute: GatewayHTTPRoute,
  ruleIndex: number,
  port: number | undefined,
  exists: ServiceExists,
): RankedRoute[] {
  const rule = httpRoute.spec.rules?.[ruleIndex];
  if (!rule) return [];
  const ns = namespaceOf(httpRoute);
  const name = `${httpRoute.metadata.name}/${rule.name ?? ruleIndex}`;
  const matches = rule.matches && rule.matches.length > 0 ? rule.matches : [{}];
  const out: RankedRoute[] = [];
  matches.forEach((m, matchIndex) => {
    const rank = matchRank(m);
    for (const t of translateMatch(m, port)) {
      out.push({
        route: { name, match: [t.match], ...actions(rule, ns, t.part, exists) },
        rank,
        created: httpRoute.metadata.creationTimestamp ?? '',
        key: `${ns}/${httpRoute.metadata.name}`,
        rule: ruleIndex,
        match: matchIndex,
      });
    }
  });
  return out;
}
