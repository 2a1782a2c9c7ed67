import type { Destination } from '../resources/destination.js';
import { resolveHost } from '../resources/host.js';
import type { HTTPRoute } from '../resources/http-route.js';
import type { VirtualService } from '../resources/virtual-service.js';
import { checkHeaderOperations } from './header-operation-rules.js';
import { checkHttpRouteParts } from './http-route-rules.js';
import { checkDns1123Label, checkPortNumber, checkWildcardHost } from './names.js';
import { fieldPath, RuleContext } from './rule-context.js';

interface Weighted {
  destination: Destination;
  weight?: number;
}

function checkDestination(ctx: RuleContext, field: string, d: Destination): void {
  if (d.host === '*') ctx.error(`${field}.host`, 'invalid destination host *');
  else {
    const e = checkWildcardHost(d.host);
    if (e) ctx.error(`${field}.host`, e);
  }
  if (d.subset !== undefined) {
    if (d.subset === '') ctx.error(`${field}.subset`, 'subset name cannot be empty');
    else {
      const e = checkDns1123Label(d.subset);
      if (e) ctx.error(`${field}.subset`, `subset name is invalid: ${e}`);
    }
  }
  if (d.port?.number !== undefined) {
    const e = checkPortNumber(d.port.number);
    if (e) ctx.error(`${field}.port.number`, e);
  }
}

/** Weight rules shared by HTTP, TCP and TLS routes (istiod: ≥0 each, non-zero total when >1). */
function checkWeights(ctx: RuleContext, field: string, route: readonly Weighted[]): void {
  let total = 0;
  for (const [i, r] of route.entries()) {
    const w = r.weight ?? 0;
    if (w < 0) ctx.add('SM0204', `${fieldPath(field, i)}.weight`, `weight ${w} < 0`);
    total += Math.max(0, w);
  }
  if (route.length > 1 && total === 0) {
    ctx.add('SM0202', field, 'total destination weight = 0: no destination can receive traffic');
  } else if (route.length > 1 && total !== 100 && route.every((r) => (r.weight ?? 0) >= 0)) {
    ctx.add(
      'SM0201',
      field,
      `weights sum to ${total}, not 100: each destination gets weight/${total} of the traffic`,
    );
  }
  const only = route[0];
  if (route.length === 1 && only?.weight !== undefined && only.weight > 0 && only.weight < 100) {
    ctx.add(
      'SM0203',
      `${field}[0].weight`,
      `the weight is assumed to be 100 because there is only one route destination (got ${only.weight})`,
    );
  }
  const seen = new Map<string, number>();
  for (const [i, r] of route.entries()) {
    const key = `${r.destination.host}|${r.destination.subset ?? ''}|${r.destination.port?.number ?? ''}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      ctx.add(
        'SM0205',
        `${fieldPath(field, i)}.destination`,
        `this host subset combination is already referenced in ${field}[${first}]`,
      );
    }
  }
}

function checkMirrors(ctx: RuleContext, base: string, r: HTTPRoute, namespace: string): void {
  if (r.mirror && r.mirrors) ctx.add('SM0301', base, 'HTTP route cannot contain both mirror and mirrors');
  if (r.mirror) checkDestination(ctx, `${base}.mirror`, r.mirror);
  const mp = r.mirrorPercentage?.value;
  ctx.percent(`${base}.mirrorPercentage.value`, mp, 'SM0302');
  if (r.mirrorPercent !== undefined) {
    ctx.percent(`${base}.mirrorPercent`, r.mirrorPercent, 'SM0302');
    ctx.add(
      'SM0303',
      `${base}.mirrorPercent`,
      'using deprecated setting "mirrorPercent", use "mirrorPercentage" instead',
    );
  }
  if (r.mirror && (mp === 0 || (mp === undefined && r.mirrorPercent === 0))) {
    ctx.add('SM0306', `${base}.mirrorPercentage`, 'mirror percentage is 0: no request is mirrored');
  }
  for (const [i, m] of (r.mirrors ?? []).entries()) {
    const mf = fieldPath(`${base}.mirrors`, i);
    checkDestination(ctx, `${mf}.destination`, m.destination);
    ctx.percent(`${mf}.percentage.value`, m.percentage?.value, 'SM0302');
    if (m.percentage?.value === 0)
      ctx.add('SM0306', `${mf}.percentage`, 'mirror percentage is 0: no request is mirrored');
  }
  // A mirror that is also a primary destination receives both real and copied requests.
  const key = (d: Destination) => `${resolveHost(d.host, namespace)}|${d.subset ?? ''}`;
  const primary = new Set((r.route ?? []).map((d) => key(d.destination)));
  const targets: [string, Destination][] = r.mirror ? [[`${base}.mirror`, r.mirror]] : [];
  for (const [i, m] of (r.mirrors ?? []).entries())
    targets.push([`${fieldPath(`${base}.mirrors`, i)}.destination`, m.destination]);
  for (const [field, d] of targets) {
    if (primary.has(key(d))) {
      ctx.add(
        'SM0304',
        field,
        `mirror target ${d.host}${d.subset ? ` (subset ${d.subset})` : ''} is also a route destination`,
      );
    }
  }
}

/** istiod's webhook rules for a VirtualService, plus single-resource analysis (weights, mirrors). */
export function checkVirtualService(vs: VirtualService): RuleContext {
  const ctx = new RuleContext();
  const spec = vs.spec;
  const namespace = vs.metadata.namespace ?? 'default';
  if (!spec.http?.length && !spec.tcp?.length && !spec.tls?.length) {
    ctx.error('spec', 'http, tcp or tls must be provided in virtual service');
  }
  const gateways = spec.gateways ?? [];
  const meshBound = gateways.length === 0 || gateways.includes('mesh');
  const hosts = spec.hosts ?? [];
  if (hosts.length === 0 && gateways.length > 0) {
    ctx.error('spec.gateways', 'delegate virtual service (no hosts) must have no gateways specified');
  }
  const seen = new Map<string, number>();
  for (const [i, h] of hosts.entries()) {
    const f = `spec.hosts[${i}]`;
    if (h === '*' && meshBound) {
      ctx.error(f, 'wildcard host * is not allowed for virtual services bound to the mesh gateway');
    } else {
      const e = checkWildcardHost(h);
      if (e) ctx.error(f, e);
    }
    const fq = resolveHost(h, namespace);
    const first = seen.get(fq);
    if (first !== undefined) ctx.error(f, `duplicate hosts in virtual service: ${hosts[first]} & ${h}`);
    else seen.set(fq, i);
  }
  for (const [i, g] of gateways.entries()) {
    const parts = g.split('/');
    const bad = parts.length > 2 || parts.some((p) => p === '' || checkWildcardHost(p) !== null);
    if (bad)
      ctx.error(`spec.gateways[${i}]`, `invalid gateway "${g}": expected "name", "namespace/name" or "mesh"`);
  }
  for (const [i, r] of (spec.http ?? []).entries()) {
    const base = `spec.http[${i}]`;
    checkHttpRouteParts(ctx, base, r);
    checkHeaderOperations(ctx, base, r);
    for (const [j, d] of (r.route ?? []).entries()) {
      checkDestination(ctx, `${base}.route[${j}].destination`, d.destination);
    }
    if (r.route?.length) checkWeights(ctx, `${base}.route`, r.route);
    checkMirrors(ctx, base, r, namespace);
  }
  for (const key of ['tcp', 'tls'] as const) {
    for (const [i, r] of (spec[key] ?? []).entries()) {
      const route = r.route ?? [];
      if (route.length === 0) ctx.error(`spec.${key}[${i}].route`, `${key.toUpperCase()} route is required`);
      for (const [j, d] of route.entries())
        checkDestination(ctx, `spec.${key}[${i}].route[${j}].destination`, d.destination);
      if (route.length) checkWeights(ctx, `spec.${key}[${i}].route`, route);
    }
  }
  return ctx;
}
