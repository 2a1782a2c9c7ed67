// The Gateway API CRD rules (OpenAPI bounds and CEL, v1.2 standard and experimental channels) for an
// HTTPRoute, in the CRD's words where it has them; filters and matches have their own files.

import { parseGatewayDuration } from '../resources/gateway-api/gateway-duration.js';
import type { HTTPRouteFilter } from '../resources/gateway-api/http-route-filters.js';
import type {
  GatewayHTTPRoute,
  HTTPRouteMatch,
  HTTPRouteRule,
} from '../resources/gateway-api/http-route-kind.js';
import {
  isGatewayRef,
  isServiceRef,
  type ParentReference,
  parentGroupKind,
} from '../resources/gateway-api/references.js';
import { checkBackendObjectRef, checkFilterList } from './gateway-api-filter-rules.js';
import { checkMatch } from './gateway-api-match-rules.js';
import { checkGatewayHostname, tooMany } from './gateway-api-names.js';
import { checkRefGroupKind, checkRefTarget } from './gateway-api-ref-rules.js';
import { checkDns1123Subdomain } from './names.js';
import { fieldPath, RuleContext } from './rule-context.js';

const MAX_WEIGHT = 1_000_000;

function checkParentRef(ctx: RuleContext, base: string, ref: ParentReference): void {
  checkRefGroupKind(ctx, base, ref);
  const gk = parentGroupKind(ref);
  if (!isServiceRef(gk) && !isGatewayRef(gk)) {
    const field = gk.kind !== 'Service' && gk.kind !== 'Gateway' ? `${base}.kind` : `${base}.group`;
    ctx.error(
      field,
      `a parentRef must be a Gateway (group gateway.networking.k8s.io, the default) or a Service (group ""); got ${gk.kind} of group "${gk.group}"`,
    );
  }
  checkRefTarget(ctx, base, ref);
  if (ref.sectionName !== undefined) {
    const e = checkDns1123Subdomain(ref.sectionName);
    if (e) ctx.error(`${base}.sectionName`, e);
  }
}

/** The CRD's "same parent" test: group, kind and name equal, namespaces both unset or equal. */
function sameParent(a: ParentReference, b: ParentReference): boolean {
  const ga = parentGroupKind(a);
  const gb = parentGroupKind(b);
  const nsA = a.namespace ?? '';
  const nsB = b.namespace ?? '';
  return ga.group === gb.group && ga.kind === gb.kind && a.name === b.name && nsA === nsB;
}

/** Two or more refs to one parent must each name a different sectionName/port (the CRD's CEL pair). */
function checkParentRefSet(ctx: RuleContext, refs: readonly ParentReference[]): void {
  const unset = (v: string | number | undefined) => v === undefined || v === '' || v === 0;
  for (const [j, b] of refs.entries()) {
    const earlier = refs.slice(0, j).filter((a) => sameParent(a, b));
    if (earlier.length === 0) continue;
    const field = `spec.parentRefs[${j}]`;
    const mixed = earlier.some(
      (a) => unset(a.sectionName) !== unset(b.sectionName) || unset(a.port) !== unset(b.port),
    );
    if (mixed) {
      ctx.error(
        field,
        'sectionName or port must be specified when parentRefs includes 2 or more references to the same parent',
      );
    } else if (
      earlier.some((a) => (a.sectionName ?? '') === (b.sectionName ?? '') && (a.port ?? 0) === (b.port ?? 0))
    ) {
      ctx.error(
        field,
        'sectionName or port must be unique when parentRefs includes 2 or more references to the same parent',
      );
    }
  }
}

/** The matches a rule has after the CRD's defaults (none written: one `PathPrefix /`). */
function effectiveMatches(rule: HTTPRouteRule): readonly HTTPRouteMatch[] {
  return rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }];
}

/** True when the rule has exactly one match and it is a PathPrefix (what ReplacePrefixMatch needs). */
function singlePrefixMatch(rule: HTTPRouteRule): boolean {
  const matches = effectiveMatches(rule);
  return matches.length === 1 && (matches[0]?.path?.type ?? 'PathPrefix') === 'PathPrefix';
}

function replacesPrefix(f: HTTPRouteFilter, key: 'requestRedirect' | 'urlRewrite'): boolean {
  const path = f[key]?.path;
  return path?.type === 'ReplacePrefixMatch' && path.replacePrefixMatch !== undefined;
}

/** ReplacePrefixMatch in a redirect or rewrite needs exactly one PathPrefix match (the CRD's four CEL rules). */
function checkPrefixReplacements(ctx: RuleContext, base: string, rule: HTTPRouteRule): void {
  if (singlePrefixMatch(rule)) return;
  const redirect =
    'RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified';
  const rewrite =
    'URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified';
  const lists: [string, readonly HTTPRouteFilter[], string, string][] = [
    [`${base}.filters`, rule.filters ?? [], `When using ${redirect}`, `When using ${rewrite}`],
    ...(rule.backendRefs ?? []).map((b, k): [string, readonly HTTPRouteFilter[], string, string] => [
      `${base}.backendRefs[${k}].filters`,
      b.filters ?? [],
      `Within backendRefs, when using ${redirect}`,
      `Within backendRefs, When using ${rewrite}`,
    ]),
  ];
  for (const [field, filters, redirectMessage, rewriteMessage] of lists) {
    for (const [j, f] of filters.entries()) {
      if (replacesPrefix(f, 'requestRedirect'))
        ctx.error(`${field}[${j}].requestRedirect.path.replacePrefixMatch`, redirectMessage);
      if (replacesPrefix(f, 'urlRewrite'))
        ctx.error(`${field}[${j}].urlRewrite.path.replacePrefixMatch`, rewriteMessage);
    }
  }
}

function checkTimeouts(ctx: RuleContext, base: string, rule: HTTPRouteRule): void {
  const t = rule.timeouts;
  if (t?.request === undefined || t.backendRequest === undefined) return;
  try {
    const request = parseGatewayDuration(t.request);
    if (request !== 0 && parseGatewayDuration(t.backendRequest) > request) {
      ctx.error(
        `${base}.timeouts.backendRequest`,
        'backendRequest timeout cannot be longer than request timeout',
      );
    }
  } catch {
    // Both match the duration pattern (the schema checked it), so parsing cannot fail.
  }
}

/**
 * Matches checked per route, the CRD's total: past it the route is refused anyway, and each match may hold up
 * to 33 regexes, which re2js can take a good fraction of a second each to compile.
 */
const MAX_TOTAL_MATCHES = 128;

function checkRule(ctx: RuleContext, base: string, rule: HTTPRouteRule, budget: { matches: number }): void {
  if (rule.name !== undefined) {
    const e = checkDns1123Subdomain(rule.name);
    if (e) ctx.error(`${base}.name`, e);
  }
  const matchBound = tooMany(rule.matches, 64);
  if (matchBound) ctx.error(`${base}.matches`, matchBound);
  for (const [j, m] of (rule.matches ?? []).slice(0, Math.min(64, budget.matches)).entries()) {
    budget.matches--;
    checkMatch(ctx, fieldPath(`${base}.matches`, j), m);
  }
  const filters = rule.filters ?? [];
  checkFilterList(ctx, `${base}.filters`, filters);
  const backends = rule.backendRefs ?? [];
  const backendBound = tooMany(backends, 16);
  if (backendBound) ctx.error(`${base}.backendRefs`, backendBound);
  for (const [k, b] of backends.entries()) {
    const at = fieldPath(`${base}.backendRefs`, k);
    checkBackendObjectRef(ctx, at, b);
    if (b.weight !== undefined && (b.weight < 0 || b.weight > MAX_WEIGHT))
      ctx.error(`${at}.weight`, `weight must be between 0 and ${MAX_WEIGHT} (got ${b.weight})`);
    if (b.filters) checkFilterList(ctx, `${at}.filters`, b.filters);
  }
  if (backends.length > 0) {
    for (const [j, f] of filters.entries()) {
      if (f.requestRedirect !== undefined)
        ctx.error(
          `${base}.filters[${j}].requestRedirect`,
          'RequestRedirect filter must not be used together with backendRefs',
        );
    }
  }
  checkPrefixReplacements(ctx, base, rule);
  checkTimeouts(ctx, base, rule);
}

/** The Gateway API CRD rules (OpenAPI bounds and CEL) for an HTTPRoute, plus what Shadowmesh cannot run. */
export function checkHTTPRoute(route: GatewayHTTPRoute): RuleContext {
  const ctx = new RuleContext();
  const { parentRefs = [], hostnames = [], rules = [] } = route.spec;

  const parentBound = tooMany(parentRefs, 32);
  if (parentBound) ctx.error('spec.parentRefs', parentBound);
  for (const [i, ref] of parentRefs.entries()) checkParentRef(ctx, `spec.parentRefs[${i}]`, ref);
  checkParentRefSet(ctx, parentRefs.slice(0, 32)); // quadratic; past 32 the list is refused anyway

  const hostBound = tooMany(hostnames, 16);
  if (hostBound) ctx.error('spec.hostnames', hostBound);
  for (const [i, h] of hostnames.entries()) {
    const e = checkGatewayHostname(h, true);
    if (e) ctx.error(`spec.hostnames[${i}]`, e);
  }

  const ruleBound = tooMany(rules, 16);
  if (ruleBound) ctx.error('spec.rules', ruleBound);
  const totalMatches = rules.slice(0, 16).reduce((n, r) => n + effectiveMatches(r).length, 0);
  if (totalMatches > MAX_TOTAL_MATCHES) {
    ctx.error(
      'spec.rules',
      `While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128 (has ${totalMatches})`,
    );
  }
  const names = new Set<string>();
  const budget = { matches: MAX_TOTAL_MATCHES };
  for (const [i, rule] of rules.entries()) {
    checkRule(ctx, `spec.rules[${i}]`, rule, budget);
    if (rule.name === undefined) continue;
    if (names.has(rule.name)) ctx.error(`spec.rules[${i}].name`, 'Rule name must be unique within the route');
    names.add(rule.name);
  }
  return ctx;
}
