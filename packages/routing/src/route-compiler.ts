// Compiles one Istio HTTPRoute into what `route()` needs: a matcher and a ready action.
import type { HTTPRoute } from '@shadowmesh/api';
import { parseDuration } from '@shadowmesh/api';
import { type CompiledDestination, compileDestination, type DestinationContext } from './destination.js';
import { decodeDirectBody } from './direct-body.js';
import { type CompiledFault, compileFault } from './fault-policy.js';
import { authorityFromHeaderOps, mergeHeaderOps } from './header-ops.js';
import { type BindingContext, type CompiledMatch, compileMatch } from './match-compiler.js';
import { compileMirrors, type MirrorTarget } from './mirror-policy.js';
import { type PathRewrite, prefixRewrite, regexRewrite } from './path-rewrite.js';
import { type CompiledRedirect, compileRedirect } from './redirect.js';
import { compileRetry } from './retry-policy.js';
import type { ShadowSettingsIndex } from './shadow-settings.js';
import type { HeaderOps, RetryPolicy } from './types.js';
import { buildWeightedPicker, type WeightedPicker } from './weighted-pick.js';

export interface CompiledRouteDestination {
  readonly destination: CompiledDestination;
  readonly weight: number | undefined;
  readonly requestHeaders: HeaderOps;
  readonly responseHeaders: HeaderOps;
  /** Authority rewrite for this destination (`rewrite.authority`, else a `host` header set), or null. */
  readonly authority: string | null;
}

export interface ForwardAction {
  readonly kind: 'forward';
  readonly picker: WeightedPicker<CompiledRouteDestination>;
  readonly rewritePath: PathRewrite | null;
  readonly timeoutMs: number | null;
  readonly retry: RetryPolicy | null;
  readonly fault: CompiledFault | null;
  readonly mirrors: readonly MirrorTarget[];
}

export type RouteAction =
  | ForwardAction
  | { readonly kind: 'redirect'; readonly redirect: CompiledRedirect }
  | { readonly kind: 'direct-response'; readonly status: number; readonly body: string };

export interface CompiledRoute {
  /** `<vs namespace>/<vs name>#<route name or index>`. */
  readonly name: string;
  /** `<vs name>.<vs namespace>`, with `#<route name>` when the route has one (FlowRecord.route). */
  readonly flowRoute: string;
  readonly match: CompiledMatch;
  readonly action: RouteAction;
  /** The route as configured, for config_dump. */
  readonly source: HTTPRoute;
}

export interface RouteCompileContext extends DestinationContext {
  settings: ShadowSettingsIndex;
}

function compileTimeout(text: string | undefined, onError: (m: string) => void): number | null {
  if (typeof text !== 'string') return null;
  try {
    const ms = parseDuration(text);
    return ms > 0 ? ms : null; // Istio: 0s disables the route timeout.
  } catch (err) {
    onError(`timeout: ${(err as Error).message}`);
    return null;
  }
}

function compileForward(
  route: HTTPRoute,
  ns: string,
  ctx: RouteCompileContext,
  onError: (m: string) => void,
) {
  const routeAuthority =
    typeof route.rewrite?.authority === 'string' && route.rewrite.authority !== ''
      ? route.rewrite.authority
      : null;
  const dests = (Array.isArray(route.route) ? route.route : [])
    .filter((d) => d?.destination && typeof d.destination.host === 'string')
    .map((d) => ({
      item: {
        destination: compileDestination(d.destination, ns, ctx),
        weight: d.weight,
        requestHeaders: mergeHeaderOps(route.headers?.request, d.headers?.request),
        responseHeaders: mergeHeaderOps(route.headers?.response, d.headers?.response),
        authority: routeAuthority ?? authorityFromHeaderOps(route.headers?.request, d.headers?.request),
      } satisfies CompiledRouteDestination,
      weight: d.weight,
    }));
  if (dests.length === 0) return null;
  let rewritePath: PathRewrite | null = null;
  if (typeof route.rewrite?.uri === 'string') rewritePath = prefixRewrite(route.rewrite.uri);
  else if (typeof route.rewrite?.uriRegexRewrite?.match === 'string') {
    const r = route.rewrite.uriRegexRewrite;
    rewritePath = regexRewrite(r.match ?? '', r.rewrite ?? '', onError);
  }
  const action: ForwardAction = {
    kind: 'forward',
    picker: buildWeightedPicker(dests),
    rewritePath,
    timeoutMs: compileTimeout(route.timeout, onError),
    retry: compileRetry(route.retries, onError),
    fault: compileFault(route.fault, onError),
    mirrors: compileMirrors(route, ns, ctx, ctx.settings),
  };
  return action;
}

/**
 * Compiles an HTTPRoute for one binding. Returns null when the route can never apply here (its match
 * blocks select another proxy or gateway) or has no action (e.g. `delegate`, not supported).
 * Precedence when several actions are set (Istio rejects that): redirect, then directResponse, then route.
 */
export function compileRoute(
  route: HTTPRoute,
  index: number,
  vsKey: string,
  binding: BindingContext,
  ctx: RouteCompileContext,
  onIssue: (message: string) => void,
): CompiledRoute | null {
  const named = typeof route.name === 'string' && route.name !== '';
  const name = `${vsKey}#${named ? route.name : index}`;
  const slash = vsKey.indexOf('/');
  const vsLabel = `${vsKey.slice(slash + 1)}.${vsKey.slice(0, slash)}`;
  const flowRoute = named ? `${vsLabel}#${route.name}` : vsLabel;
  const onError = (m: string) => onIssue(`${name}: ${m}`);
  const match = compileMatch(route.match, binding, onError);
  if (!match.applies) return null;
  let action: RouteAction | null = null;
  if (route.redirect && typeof route.redirect === 'object') {
    action = { kind: 'redirect', redirect: compileRedirect(route.redirect) };
  } else if (route.directResponse && typeof route.directResponse === 'object') {
    const status = typeof route.directResponse.status === 'number' ? route.directResponse.status : 200;
    action = { kind: 'direct-response', status, body: decodeDirectBody(route.directResponse.body) };
  } else {
    action = compileForward(route, binding.vsNamespace, ctx, onError);
  }
  if (!action) {
    onError(
      route.delegate ? 'delegate is not supported; route skipped' : 'no route, redirect or directResponse',
    );
    return null;
  }
  return { name, flowRoute, match, action, source: route };
}
