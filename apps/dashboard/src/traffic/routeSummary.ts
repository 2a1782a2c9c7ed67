// One-line descriptions of HTTP routes for the editor's headings.
import {
  type Destination,
  type HTTPMatchRequest,
  type HTTPRoute,
  resolveHost,
  type StringMatch,
} from '@shadowmesh/api';

function stringMatch(m: StringMatch | undefined): string | null {
  if (!m) return null;
  if (m.exact !== undefined) return `= ${m.exact}`;
  if (m.prefix !== undefined) return `prefix ${m.prefix}`;
  if (m.regex !== undefined) return `~ ${m.regex}`;
  return null;
}

function describeOne(match: HTTPMatchRequest): string {
  const parts: string[] = [];
  const uri = stringMatch(match.uri);
  if (uri) parts.push(`uri ${uri}`);
  const method = stringMatch(match.method);
  if (method) parts.push(`method ${method}`);
  for (const [name, value] of Object.entries(match.headers ?? {})) {
    const text = stringMatch(value);
    parts.push(text ? `header ${name} ${text}` : `header ${name}`);
  }
  if (match.port !== undefined) parts.push(`port ${match.port}`);
  if (match.sourceLabels) {
    parts.push(
      `from ${Object.entries(match.sourceLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}`,
    );
  }
  return parts.length > 0 ? parts.join(', ') : 'everything';
}

/** What a route matches: `uri prefix /api, header end-user = jason` (alternatives joined by "or"). */
export function describeMatch(route: HTTPRoute): string {
  const matches = route.match ?? [];
  if (matches.length === 0) return 'all requests';
  return matches.map(describeOne).join(' or ');
}

/** `Route 1: reviews-v2` / `Route 2` (`Rule 1` for the rules of a Gateway API HTTPRoute). */
export function routeTitle(route: HTTPRoute, index: number, noun = 'Route'): string {
  return route.name ? `${noun} ${index + 1}: ${route.name}` : `${noun} ${index + 1}`;
}

/** Why a route has nothing to weight (it answers by itself or delegates), or null when it forwards. */
export function nonForwardingReason(route: HTTPRoute): string | null {
  if (route.redirect) return 'This route answers with a redirect; it has no destinations to weight.';
  if (route.directResponse) return 'This route answers directly; it has no destinations to weight.';
  if (route.delegate) return 'This route delegates to another VirtualService; edit that one.';
  if (!route.route || route.route.length === 0) return 'This route has no destinations.';
  return null;
}

/**
 * How a weight row is named ("Weight of subset v1"): `subset v1` for a subset of the edited service,
 * else the host as written, with its subset (`reviews v2`).
 */
export function weightRowLabel(destination: Destination, serviceFqdn: string, namespace: string): string {
  const own = resolveHost(destination.host, namespace) === serviceFqdn;
  if (own && destination.subset) return `subset ${destination.subset}`;
  return destination.subset ? `${destination.host} ${destination.subset}` : destination.host;
}
