// A Gateway API HTTPRoute rule as the traffic editor sees it: an Istio-style route (the editor's model)
// whose destinations are the rule's backendRefs and whose mirrors are its RequestMirror filters. The view
// is read-only about everything else (matches become a description, redirects a reason); gatewayRuleWrite
// puts the edited weights and mirrors back into the rule.
import type {
  BackendObjectReference,
  Destination,
  HTTPBackendRef,
  HTTPMatchRequest,
  HTTPMirrorPolicy,
  HTTPRequestMirrorFilter,
  HTTPRoute,
  HTTPRouteMatch,
  HTTPRouteRule,
  StringMatch,
} from '@shadowmesh/api';
import { roundPercentage } from './routeMirrors';

/** A backendRef's weight when none is written (the Gateway API default; 0 sends it nothing). */
export const DEFAULT_BACKEND_WEIGHT = 1;

/** The host the editor names a backend by: its Service name, `name.namespace` when in another namespace. */
export function backendHost(
  ref: Pick<BackendObjectReference, 'name' | 'namespace'>,
  namespace: string,
): string {
  return ref.namespace && ref.namespace !== namespace ? `${ref.name}.${ref.namespace}` : ref.name;
}

/** A backend reference as an editor destination (host and port; Services have no subsets). */
export function backendDestination(ref: BackendObjectReference, namespace: string): Destination {
  const destination: Destination = { host: backendHost(ref, namespace) };
  if (ref.port !== undefined) destination.port = { number: ref.port };
  return destination;
}

/**
 * A mirror filter's percentage (0..100, at the editor's resolution): `percent`, else `fraction`
 * (denominator 100 unless written), else 100 — as the routing engine reads it.
 */
export function mirrorFilterPercentage(mirror: HTTPRequestMirrorFilter): number {
  if (mirror.percent !== undefined) return mirror.percent;
  if (mirror.fraction !== undefined) {
    const denominator = mirror.fraction.denominator ?? 100;
    return denominator > 0 ? roundPercentage((100 * mirror.fraction.numerator) / denominator) : 0;
  }
  return 100;
}

/** The rule's mirror filters in order (a `RequestMirror` without its `requestMirror` is not one). */
export function mirrorFiltersOf(rule: HTTPRouteRule): HTTPRequestMirrorFilter[] {
  return (rule.filters ?? []).flatMap((f) =>
    f.type === 'RequestMirror' && f.requestMirror ? [f.requestMirror] : [],
  );
}

function weightOf(ref: HTTPBackendRef): number {
  return ref.weight ?? DEFAULT_BACKEND_WEIGHT;
}

function pathMatch(match: HTTPRouteMatch): StringMatch | undefined {
  const path = match.path;
  if (!path) return undefined;
  const value = path.value ?? '/';
  if (path.type === 'Exact') return { exact: value };
  if (path.type === 'RegularExpression') return { regex: value };
  return value === '/' ? undefined : { prefix: value };
}

/** A Gateway API match in Istio's terms, for the editor's one-line description only. */
function describedMatch(match: HTTPRouteMatch): HTTPMatchRequest {
  const out: HTTPMatchRequest = {};
  const uri = pathMatch(match);
  if (uri) out.uri = uri;
  if (match.method) out.method = { exact: match.method };
  if (match.headers && match.headers.length > 0) {
    out.headers = Object.fromEntries(
      match.headers.map((h) => [
        h.name,
        h.type === 'RegularExpression' ? { regex: h.value } : { exact: h.value },
      ]),
    );
  }
  return out;
}

/**
 * The editor's view of one rule. Every backendRef is a destination, in order, with its weight written out
 * (default 1), so destination `j` is `backendRefs[j]`; every mirror filter is a `mirrors` entry, in order.
 */
export function ruleView(rule: HTTPRouteRule, namespace: string): HTTPRoute {
  const view: HTTPRoute = {};
  if (rule.name !== undefined) view.name = rule.name;
  const matches = (rule.matches ?? []).map(describedMatch);
  if (matches.some((m) => Object.keys(m).length > 0)) view.match = matches;
  if ((rule.filters ?? []).some((f) => f.type === 'RequestRedirect')) view.redirect = {};
  view.route = (rule.backendRefs ?? []).map((ref) => ({
    destination: backendDestination(ref, namespace),
    weight: weightOf(ref),
  }));
  const mirrors = mirrorFiltersOf(rule).map(
    (m): HTTPMirrorPolicy => ({
      destination: backendDestination(m.backendRef, namespace),
      percentage: { value: mirrorFilterPercentage(m) },
    }),
  );
  if (mirrors.length > 0) view.mirrors = mirrors;
  return view;
}
