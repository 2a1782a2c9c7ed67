// Reading and writing the destination weights of one HTTP route, preserving what the editor does not touch.
import type { Destination, HTTPRoute, HTTPRouteDestination } from '@shadowmesh/api';
import { WEIGHT_TOTAL } from './weights';

/**
 * The weights the route really uses, as the editor shows them: a lone destination gets 100 whatever it says
 * (Istio ignores its weight); with several, an absent weight is 0 (Istio's proto default).
 */
export function effectiveWeights(route: HTTPRoute): number[] {
  const destinations = route.route ?? [];
  if (destinations.length === 1) return [WEIGHT_TOTAL];
  return destinations.map((d) => d.weight ?? 0);
}

/**
 * The route with these weights. Only destinations whose effective weight changes are written, so an
 * untouched hand-written route stays byte-for-byte the same.
 */
export function withWeights(route: HTTPRoute, weights: readonly number[]): HTTPRoute {
  const destinations = route.route ?? [];
  if (weights.length !== destinations.length) {
    throw new RangeError(`route has ${destinations.length} destinations, got ${weights.length} weights`);
  }
  const current = effectiveWeights(route);
  if (current.every((w, i) => w === weights[i])) return route;
  return {
    ...route,
    route: destinations.map((d, i) => (current[i] === weights[i] ? d : { ...d, weight: weights[i] ?? 0 })),
  };
}

/** Same host (as written) and subset: how the editor tells destinations apart. */
export function sameDestination(a: Destination, b: Destination): boolean {
  return a.host === b.host && (a.subset ?? '') === (b.subset ?? '');
}

/**
 * The route with one more destination at weight 0. A lone destination that relied on "gets everything"
 * is given its explicit 100 first, so traffic does not move until a slider does.
 */
export function withDestination(route: HTTPRoute, destination: Destination): HTTPRoute {
  const destinations = route.route ?? [];
  if (destinations.some((d) => sameDestination(d.destination, destination))) return route;
  const first = destinations[0];
  const kept: HTTPRouteDestination[] =
    destinations.length === 1 && first ? [{ ...first, weight: WEIGHT_TOTAL }] : [...destinations];
  return { ...route, route: [...kept, { destination: { ...destination }, weight: 0 }] };
}

/**
 * The route without destination `index`; its weight goes to the others in proportion (so the sum stays).
 * The last destination cannot be removed (a route needs one).
 */
export function withoutDestination(route: HTTPRoute, index: number): HTTPRoute {
  const destinations = route.route ?? [];
  if (destinations.length <= 1 || index < 0 || index >= destinations.length) return route;
  const rest = destinations.filter((_, i) => i !== index);
  if (rest.length === 1 && rest[0]) {
    const { weight: _dropped, ...lone } = rest[0];
    return { ...route, route: [lone] };
  }
  const removed = effectiveWeights(route)[index] ?? 0;
  if (removed === 0) return { ...route, route: rest };
  const remaining = rest.map((d) => d.weight ?? 0);
  const total = remaining.reduce((a, b) => a + b, 0);
  const shares = total > 0 ? remaining.map((w) => w / total) : remaining.map(() => 1 / remaining.length);
  let given = 0;
  const next = rest.map((d, i) => {
    const extra = i === rest.length - 1 ? removed - given : Math.round(removed * (shares[i] ?? 0));
    given += extra;
    return { ...d, weight: (d.weight ?? 0) + extra };
  });
  return { ...route, route: next };
}
