// Writing the traffic editor's view of a Gateway API HTTPRoute rule back into the rule: weights into its
// backendRefs, mirrors into its RequestMirror filters. Only what the view changed is written; every other
// field (matches, other filters, timeouts, a backend's own filters, unknown fields) is kept as it was.
import {
  type Destination,
  type HTTPBackendRef,
  type HTTPRequestMirrorFilter,
  type HTTPRoute,
  type HTTPRouteDestination,
  type HTTPRouteFilter,
  type HTTPRouteRule,
  resolveHost,
  splitServiceHost,
} from '@shadowmesh/api';
import { jsonEqual, replaceKeys } from '../resources/jsonValue';
import { backendHost, DEFAULT_BACKEND_WEIGHT, ruleView } from './gatewayRuleView';
import { type MirrorEntry, readMirrors, roundPercentage } from './routeMirrors';

/**
 * The denominator of a mirror fraction the editor writes: 0.01 % resolution. A percentage that is not a
 * whole number cannot be `percent` (an integer), so it is written `fraction: {numerator, denominator: 10000}`.
 */
export const MIRROR_FRACTION_DENOMINATOR = 10_000;

/**
 * How a mirror percentage is written: `percent` when it is a whole number (at the fraction's resolution),
 * else a `fraction` over 10000. The other field is cleared (`undefined`), as only one may be set.
 */
export function mirrorPercentFields(
  percentage: number,
): Pick<HTTPRequestMirrorFilter, 'percent' | 'fraction'> {
  const numerator = Math.round((roundPercentage(percentage) * MIRROR_FRACTION_DENOMINATOR) / 100);
  if (numerator % (MIRROR_FRACTION_DENOMINATOR / 100) === 0) {
    return { percent: numerator / (MIRROR_FRACTION_DENOMINATOR / 100), fraction: undefined };
  }
  return { percent: undefined, fraction: { numerator, denominator: MIRROR_FRACTION_DENOMINATOR } };
}

/** The Service a destination host names, as a backend reference's `name` and (other) `namespace`. */
function serviceRefOf(destination: Destination, namespace: string): { name: string; namespace?: string } {
  const split = splitServiceHost(resolveHost(destination.host, namespace));
  if (!split) return { name: destination.host };
  return split.namespace === namespace
    ? { name: split.name }
    : { name: split.name, namespace: split.namespace };
}

/** True when a backendRef is the one an editor destination stands for (same host as viewed, same port). */
function isBackendOf(ref: HTTPBackendRef, destination: Destination, namespace: string): boolean {
  return backendHost(ref, namespace) === destination.host && ref.port === destination.port?.number;
}

/** A backendRef with the editor's weight; unchanged (the same object) when the weight it means is the same. */
function withBackendWeight(ref: HTTPBackendRef, weight: number | undefined): HTTPBackendRef {
  if (weight === undefined) return ref.weight === undefined ? ref : replaceKeys(ref, { weight: undefined });
  return (ref.weight ?? DEFAULT_BACKEND_WEIGHT) === weight ? ref : replaceKeys(ref, { weight });
}

/** The backendRefs for the edited destinations: existing ones kept (weight updated), added ones new. */
function writeBackends(
  refs: readonly HTTPBackendRef[],
  destinations: readonly HTTPRouteDestination[],
  namespace: string,
): HTTPBackendRef[] {
  const used = new Set<number>();
  return destinations.map((d) => {
    const at = refs.findIndex((r, i) => !used.has(i) && isBackendOf(r, d.destination, namespace));
    const existing = refs[at];
    if (existing) {
      used.add(at);
      return withBackendWeight(existing, d.weight);
    }
    const ref: HTTPBackendRef = { ...serviceRefOf(d.destination, namespace) };
    if (d.destination.port?.number !== undefined) ref.port = d.destination.port.number;
    if (d.weight !== undefined) ref.weight = d.weight;
    return ref;
  });
}

/** A mirror filter's backendRef pointed at another destination (group, kind and unknown fields kept). */
function retargeted(
  backendRef: HTTPRequestMirrorFilter['backendRef'],
  destination: Destination,
  namespace: string,
): HTTPRequestMirrorFilter['backendRef'] {
  const service = serviceRefOf(destination, namespace);
  return replaceKeys(backendRef, {
    name: service.name,
    namespace: service.namespace,
    port: destination.port?.number ?? backendRef.port,
  });
}

type MirrorFilter = HTTPRouteFilter & { requestMirror: HTTPRequestMirrorFilter };

/** A `RequestMirror` filter with its `requestMirror` (what the view counts as a mirror). */
function isMirrorFilter(filter: HTTPRouteFilter): filter is MirrorFilter {
  return filter.type === 'RequestMirror' && filter.requestMirror !== undefined;
}

/** One mirror filter after its editor entry changed from `before` to `after`. */
function updatedMirror(
  filter: MirrorFilter,
  before: MirrorEntry,
  after: MirrorEntry,
  namespace: string,
): HTTPRouteFilter {
  if (jsonEqual(before, after)) return filter;
  let mirror = filter.requestMirror;
  if (!jsonEqual(before.destination, after.destination)) {
    mirror = replaceKeys(mirror, { backendRef: retargeted(mirror.backendRef, after.destination, namespace) });
  }
  if (before.percentage !== after.percentage)
    mirror = replaceKeys(mirror, mirrorPercentFields(after.percentage));
  return replaceKeys(filter, { requestMirror: mirror });
}

function newMirror(entry: MirrorEntry, namespace: string): HTTPRouteFilter {
  const backendRef: HTTPRequestMirrorFilter['backendRef'] = { ...serviceRefOf(entry.destination, namespace) };
  if (entry.destination.port?.number !== undefined) backendRef.port = entry.destination.port.number;
  const { percent, fraction } = mirrorPercentFields(entry.percentage);
  const requestMirror: HTTPRequestMirrorFilter = { backendRef };
  if (percent !== undefined) requestMirror.percent = percent;
  if (fraction !== undefined) requestMirror.fraction = fraction;
  return { type: 'RequestMirror', requestMirror };
}

/**
 * Which edited mirror each existing one became: by position when the count is the same (a slider or a
 * target changed), else by equal entry, then by equal destination (a mirror was added or removed).
 */
function pairMirrors(before: readonly MirrorEntry[], after: readonly MirrorEntry[]): (number | null)[] {
  if (before.length === after.length) return before.map((_, k) => k);
  const taken = new Set<number>();
  const pairs: (number | null)[] = before.map(() => null);
  const claim = (same: (a: MirrorEntry, b: MirrorEntry) => boolean) => {
    before.forEach((b, k) => {
      if (pairs[k] !== null) return;
      const j = after.findIndex((a, i) => !taken.has(i) && same(a, b));
      if (j >= 0) {
        pairs[k] = j;
        taken.add(j);
      }
    });
  };
  claim((a, b) => jsonEqual(a, b));
  claim((a, b) => jsonEqual(a.destination, b.destination));
  return pairs;
}

/** The rule's filters with its mirror filters made to match `after`; other filters stay where they are. */
function writeMirrors(
  filters: readonly HTTPRouteFilter[],
  before: readonly MirrorEntry[],
  after: readonly MirrorEntry[],
  namespace: string,
): HTTPRouteFilter[] {
  const pairs = pairMirrors(before, after);
  const out: HTTPRouteFilter[] = [];
  let k = 0;
  for (const filter of filters) {
    if (!isMirrorFilter(filter)) {
      out.push(filter);
      continue;
    }
    const j = pairs[k];
    const b = before[k];
    const a = j === null || j === undefined ? undefined : after[j];
    k += 1;
    if (a && b) out.push(updatedMirror(filter, b, a, namespace));
  }
  const paired = new Set(pairs.filter((j): j is number => j !== null));
  after.forEach((a, j) => {
    if (!paired.has(j)) out.push(newMirror(a, namespace));
  });
  return out;
}

/**
 * The rule with the edited view's destinations and mirrors written back. Returns the rule itself when the
 * view's weights and mirrors are what the rule already says (so an untouched rule stays byte-for-byte).
 */
export function withRuleView(rule: HTTPRouteRule, namespace: string, view: HTTPRoute): HTTPRouteRule {
  const before = ruleView(rule, namespace);
  let next = rule;
  if (!jsonEqual(before.route ?? [], view.route ?? [])) {
    next = replaceKeys(next, {
      backendRefs: writeBackends(rule.backendRefs ?? [], view.route ?? [], namespace),
    });
  }
  const mirrorsBefore = readMirrors(before);
  const mirrorsAfter = readMirrors(view).map((m) => ({ ...m, percentage: roundPercentage(m.percentage) }));
  if (!jsonEqual(mirrorsBefore, mirrorsAfter)) {
    const filters = writeMirrors(rule.filters ?? [], mirrorsBefore, mirrorsAfter, namespace);
    next = replaceKeys(next, { filters: filters.length > 0 ? filters : undefined });
  }
  return next;
}
