// Gateway API filters → the fields of an Istio HTTPRoute (headers, mirrors, rewrite, redirect).
import type {
  BackendObjectReference,
  HeaderOperations,
  HTTPHeaderFilter,
  HTTPMirrorPolicy,
  HTTPPathModifier,
  HTTPRedirect,
  HTTPRequestMirrorFilter,
  HTTPRequestRedirectFilter,
  HTTPRewrite,
  HTTPURLRewriteFilter,
} from '@shadowmesh/api';
import { serviceFqdn } from '@shadowmesh/api';
import type { PathPart } from './match-translation.js';

/** The host and port a Service backend reference names (its namespace defaults to the route's). */
export function backendDestination(ref: BackendObjectReference, routeNamespace: string) {
  const destination: { host: string; port?: { number: number } } = {
    host: serviceFqdn(ref.name, ref.namespace || routeNamespace),
  };
  if (ref.port !== undefined) destination.port = { number: ref.port };
  return destination;
}

function headerRecord(list: readonly { name: string; value: string }[] | undefined) {
  if (!list || list.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const h of list) out[h.name.toLowerCase()] = h.value;
  return out;
}

/** `HTTPHeaderFilter` → Istio `HeaderOperations` (both: set overwrites, add appends, remove deletes). */
export function headerOperations(f: HTTPHeaderFilter): HeaderOperations {
  const ops: HeaderOperations = {};
  const set = headerRecord(f.set);
  if (set) ops.set = set;
  const add = headerRecord(f.add);
  if (add) ops.add = add;
  if (f.remove && f.remove.length > 0) ops.remove = f.remove.map((n) => n.toLowerCase());
  return ops;
}

/** `RequestMirror` → one Istio `mirrors` entry; `fraction` becomes a percentage, absent both means 100 %. */
export function mirrorPolicy(f: HTTPRequestMirrorFilter, routeNamespace: string): HTTPMirrorPolicy {
  const policy: HTTPMirrorPolicy = { destination: backendDestination(f.backendRef, routeNamespace) };
  if (f.percent !== undefined) policy.percentage = { value: f.percent };
  else if (f.fraction !== undefined) {
    const denominator = f.fraction.denominator ?? 100;
    policy.percentage = { value: denominator > 0 ? (100 * f.fraction.numerator) / denominator : 0 };
  }
  return policy;
}

/** The prefix a replacement is written over, as Envoy's prefix rewrite sees it for each half of a split match. */
function prefixReplacement(replacement: string, part: PathPart): string {
  if (part === 'exact-prefix') return replacement;
  return replacement.endsWith('/') ? replacement : `${replacement}/`;
}

/**
 * `URLRewrite` → Istio `rewrite`. ReplacePrefixMatch replaces the matched prefix element-wise: on the
 * `exact: /foo` half the whole path becomes the replacement, on the `prefix: /foo/` half `/foo/` becomes
 * the replacement with one slash (`/foo/bar` → `/one/bar`, or `/bar` when the replacement is `/`).
 */
export function rewriteOf(f: HTTPURLRewriteFilter, part: PathPart): HTTPRewrite {
  const rewrite: HTTPRewrite = {};
  if (f.hostname) rewrite.authority = f.hostname;
  const path = f.path;
  if (path?.type === 'ReplaceFullPath' && path.replaceFullPath !== undefined) {
    rewrite.uriRegexRewrite = { match: '^.*$', rewrite: path.replaceFullPath };
  } else if (path?.type === 'ReplacePrefixMatch' && path.replacePrefixMatch !== undefined) {
    rewrite.uri = prefixReplacement(path.replacePrefixMatch, part);
  }
  return rewrite;
}

function redirectPath(path: HTTPPathModifier | undefined, part: PathPart): Partial<HTTPRedirect> {
  if (path?.type === 'ReplaceFullPath' && path.replaceFullPath !== undefined)
    return { uri: path.replaceFullPath };
  if (path?.type === 'ReplacePrefixMatch' && path.replacePrefixMatch !== undefined) {
    if (part === 'exact-prefix') return { uri: path.replacePrefixMatch };
    return { prefixRewrite: prefixReplacement(path.replacePrefixMatch, part) };
  }
  return {};
}

/**
 * `RequestRedirect` → Istio `redirect` (default 302, as the specification says). Without a port, the port
 * is the scheme's well-known one when a scheme is given, else the request's (Istio's derivePort choices).
 */
export function redirectOf(f: HTTPRequestRedirectFilter, part: PathPart): HTTPRedirect {
  const redirect: HTTPRedirect = { redirectCode: f.statusCode ?? 302, ...redirectPath(f.path, part) };
  if (f.scheme) redirect.scheme = f.scheme;
  if (f.hostname) redirect.authority = f.hostname;
  if (f.port !== undefined) redirect.port = f.port;
  else redirect.derivePort = f.scheme ? 'FROM_PROTOCOL_DEFAULT' : 'FROM_REQUEST_PORT';
  return redirect;
}
