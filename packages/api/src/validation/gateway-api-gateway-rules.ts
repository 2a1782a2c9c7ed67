// The Gateway API CRD rules (OpenAPI bounds and CEL, v1.2) for a Gateway (`KubernetesGateway` inside),
// in the CRD's words where it has them; protocols Shadowmesh does not serve are warnings.
import type {
  AllowedRoutes,
  KubernetesGateway,
  Listener,
} from '../resources/gateway-api/kubernetes-gateway.js';
import {
  checkGatewayHostname,
  checkGroup,
  checkKind,
  checkObjectName,
  isIpLiteral,
  tooMany,
} from './gateway-api-names.js';
import { checkDns1123Subdomain, checkLabelKey, checkLabelValue, checkPortNumber } from './names.js';
import { fieldPath, RuleContext } from './rule-context.js';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function checkAllowedRoutes(ctx: RuleContext, base: string, allowed: AllowedRoutes): void {
  const ns = allowed.namespaces;
  if (ns?.from === 'Selector' && ns.selector === undefined)
    ctx.error(`${base}.namespaces.selector`, 'selector must be specified when from is Selector');
  const sel = ns?.selector;
  if (sel) {
    ctx.labels(`${base}.namespaces.selector.matchLabels`, sel.matchLabels);
    for (const [k, e] of (sel.matchExpressions ?? []).entries()) {
      const at = `${base}.namespaces.selector.matchExpressions[${k}]`;
      const keyError = checkLabelKey(e.key);
      if (keyError) ctx.error(`${at}.key`, keyError);
      if (!SELECTOR_OPERATORS.includes(e.operator)) {
        ctx.error(
          `${at}.operator`,
          `operator must be one of ${SELECTOR_OPERATORS.join(', ')} (got "${e.operator}")`,
        );
      } else if ((e.operator === 'In' || e.operator === 'NotIn') && !e.values?.length) {
        ctx.error(`${at}.values`, `values must be non-empty when operator is ${e.operator}`);
      } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values?.length) {
        ctx.error(`${at}.values`, `values must be empty when operator is ${e.operator}`);
      }
      for (const [v, value] of (e.values ?? []).entries()) {
        const valueError = checkLabelValue(value);
        if (valueError) ctx.error(`${at}.values[${v}]`, valueError);
      }
    }
  }
  const kindBound = tooMany(allowed.kinds, 8);
  if (kindBound) ctx.error(`${base}.kinds`, kindBound);
  for (const [k, rk] of (allowed.kinds ?? []).entries()) {
    const kindError = checkKind(rk.kind);
    if (kindError) ctx.error(`${base}.kinds[${k}].kind`, kindError);
    const groupError = rk.group === undefined ? null : checkGroup(rk.group);
    if (groupError) ctx.error(`${base}.kinds[${k}].group`, groupError);
  }
}

function checkListener(ctx: RuleContext, base: string, l: Listener): void {
  const nameError = checkDns1123Subdomain(l.name);
  if (nameError) ctx.error(`${base}.name`, nameError);
  if (l.hostname !== undefined) {
    const e = checkGatewayHostname(l.hostname, true);
    if (e) ctx.error(`${base}.hostname`, e);
  }
  const portError = checkPortNumber(l.port);
  if (portError) ctx.error(`${base}.port`, portError);
  if (!PROTOCOLS.includes(l.protocol)) {
    ctx.error(`${base}.protocol`, `protocol must be one of ${PROTOCOLS.join(', ')} (got "${l.protocol}")`);
  } else if (l.protocol !== 'HTTP') {
    ctx.warn(
      `${base}.protocol`,
      `${l.protocol} listeners are accepted but not served: Shadowmesh gateways serve HTTP listeners only`,
    );
  }
  if (['HTTP', 'TCP', 'UDP'].includes(l.protocol) && l.tls !== undefined)
    ctx.error(`${base}.tls`, "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
  if (l.tls) {
    const mode = l.tls.mode ?? 'Terminate';
    if (l.protocol === 'HTTPS' && mode !== 'Terminate')
      ctx.error(`${base}.tls.mode`, 'tls mode must be Terminate for protocol HTTPS');
    const hasOptions = Object.keys(l.tls.options ?? {}).length > 0;
    if (mode === 'Terminate' && !l.tls.certificateRefs?.length && !hasOptions)
      ctx.error(`${base}.tls`, 'certificateRefs or options must be specified when mode is Terminate');
    const refBound = tooMany(l.tls.certificateRefs, 64);
    if (refBound) ctx.error(`${base}.tls.certificateRefs`, refBound);
    if (Object.keys(l.tls.options ?? {}).length > 16)
      ctx.error(`${base}.tls.options`, 'must have at most 16 entries');
  }
  if ((l.protocol === 'TCP' || l.protocol === 'UDP') && l.hostname !== undefined && l.hostname !== '')
    ctx.error(`${base}.hostname`, "hostname must not be specified for protocols ['TCP', 'UDP']");
  if (l.allowedRoutes) checkAllowedRoutes(ctx, `${base}.allowedRoutes`, l.allowedRoutes);
}

function checkAddresses(ctx: RuleContext, gw: KubernetesGateway): void {
  const addresses = gw.spec.addresses ?? [];
  const bound = tooMany(addresses, 16);
  if (bound) ctx.error('spec.addresses', bound);
  const seen = new Set<string>();
  for (const [i, a] of addresses.entries()) {
    const at = `spec.addresses[${i}]`;
    const type = a.type ?? 'IPAddress';
    if (type === 'IPAddress' && !isIpLiteral(a.value))
      ctx.error(`${at}.value`, `"${a.value}" is not an IP address`);
    if (type === 'Hostname') {
      const e = checkGatewayHostname(a.value, true);
      if (e) ctx.error(`${at}.value`, e);
    }
    const key = `${type}|${a.value}`;
    if ((type === 'IPAddress' || type === 'Hostname') && seen.has(key))
      ctx.error(at, `${type} values must be unique`);
    seen.add(key);
  }
}

function checkInfrastructure(ctx: RuleContext, gw: KubernetesGateway): void {
  const infra = gw.spec.infrastructure;
  if (!infra) return;
  for (const key of ['labels', 'annotations'] as const) {
    const map = infra[key] ?? {};
    const field = `spec.infrastructure.${key}`;
    if (Object.keys(map).length > 8) ctx.error(field, 'must have at most 8 entries');
    if (key === 'labels') ctx.labels(field, map);
    else {
      for (const [k, v] of Object.entries(map)) {
        const e = checkLabelKey(k) ?? (v.length > 4096 ? 'value is longer than 4096 characters' : null);
        if (e) ctx.error(fieldPath(field, k), e);
      }
    }
  }
}

/** The Gateway API CRD rules for a Gateway. */
export function checkKubernetesGateway(gw: KubernetesGateway): RuleContext {
  const ctx = new RuleContext();
  const classError = checkObjectName(gw.spec.gatewayClassName);
  if (classError) ctx.error('spec.gatewayClassName', classError);
  const listeners = gw.spec.listeners;
  if (listeners.length === 0) ctx.error('spec.listeners', 'must have at least 1 item');
  const bound = tooMany(listeners, 64);
  if (bound) ctx.error('spec.listeners', bound);
  const names = new Set<string>();
  const combinations = new Set<string>();
  for (const [i, l] of listeners.entries()) {
    const base = `spec.listeners[${i}]`;
    checkListener(ctx, base, l);
    if (names.has(l.name)) ctx.error(`${base}.name`, 'Listener name must be unique within the Gateway');
    names.add(l.name);
    const combination = `${l.port}|${l.protocol}|${l.hostname ?? ''}`;
    if (combinations.has(combination))
      ctx.error(base, 'Combination of port, protocol and hostname must be unique for each listener');
    combinations.add(combination);
  }
  checkAddresses(ctx, gw);
  checkInfrastructure(ctx, gw);
  return ctx;
}
