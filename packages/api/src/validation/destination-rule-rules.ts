import type { DestinationRule } from '../resources/destination-rule.js';
import { type TrafficPolicy, unenforcedConnectionPoolFields } from '../resources/traffic-policy.js';
import { checkDns1123Label, checkPortNumber, checkWildcardHost } from './names.js';
import { fieldPath, RuleContext } from './rule-context.js';

type PolicyParts = Pick<TrafficPolicy, 'loadBalancer' | 'connectionPool' | 'outlierDetection' | 'tls'>;

function isEmpty(o: object | undefined): boolean {
  return o !== undefined && Object.values(o).every((v) => v === undefined);
}

function checkPolicyParts(ctx: RuleContext, f: string, p: PolicyParts): void {
  const cp = p.connectionPool;
  if (cp) {
    if (isEmpty(cp)) ctx.error(`${f}.connectionPool`, 'connection pool must have at least one field');
    for (const [k, v] of Object.entries(cp.tcp ?? {})) {
      if (typeof v === 'number') ctx.nonNegative(fieldPath(`${f}.connectionPool.tcp`, k), v);
      else if (typeof v === 'string') ctx.duration(fieldPath(`${f}.connectionPool.tcp`, k), v);
    }
    for (const [k, v] of Object.entries(cp.http ?? {})) {
      if (typeof v === 'number') ctx.nonNegative(fieldPath(`${f}.connectionPool.http`, k), v);
      else if (k === 'idleTimeout' && typeof v === 'string')
        ctx.duration(fieldPath(`${f}.connectionPool.http`, k), v);
    }
    for (const field of unenforcedConnectionPoolFields(cp))
      ctx.add('SM0405', `${f}.${field}`, `${field} is accepted but not enforced by the proxy`);
  }
  const od = p.outlierDetection;
  if (od) {
    const of = `${f}.outlierDetection`;
    for (const k of [
      'consecutive5xxErrors',
      'consecutiveGatewayErrors',
      'consecutiveErrors',
      'consecutiveLocalOriginFailures',
    ] as const) {
      ctx.nonNegative(`${of}.${k}`, od[k]);
    }
    ctx.percent(`${of}.maxEjectionPercent`, od.maxEjectionPercent);
    ctx.percent(`${of}.minHealthPercent`, od.minHealthPercent);
    ctx.duration(`${of}.interval`, od.interval);
    ctx.duration(`${of}.baseEjectionTime`, od.baseEjectionTime);
    if (od.consecutiveErrors !== undefined) {
      ctx.add(
        'SM0404',
        `${of}.consecutiveErrors`,
        'outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead',
      );
    }
    if (od.consecutiveLocalOriginFailures !== undefined && od.splitExternalLocalOriginErrors !== true) {
      ctx.error(
        of,
        'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false',
      );
    }
  }
  const lb = p.loadBalancer;
  if (lb?.consistentHash) {
    const ch = lb.consistentHash;
    const keys = [ch.httpHeaderName, ch.httpCookie, ch.useSourceIp, ch.httpQueryParameterName].filter(
      (v) => v !== undefined,
    );
    if (keys.length > 1)
      ctx.error(
        `${f}.loadBalancer.consistentHash`,
        'only one of httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName may be set',
      );
    if (ch.httpCookie) ctx.duration(`${f}.loadBalancer.consistentHash.httpCookie.ttl`, ch.httpCookie.ttl);
    if (lb.simple !== undefined)
      ctx.error(`${f}.loadBalancer`, 'only one of simple or consistentHash may be set');
  }
  const tls = p.tls;
  if (tls) {
    const tf = `${f}.tls`;
    if (tls.mode === 'ISTIO_MUTUAL') {
      for (const k of [
        'clientCertificate',
        'privateKey',
        'caCertificates',
        'credentialName',
        'sni',
      ] as const) {
        if (tls[k] !== undefined) ctx.error(`${tf}.${k}`, `${k} should be empty with ISTIO_MUTUAL`);
      }
    }
    if (tls.mode === 'MUTUAL' && tls.credentialName === undefined) {
      if (tls.clientCertificate === undefined)
        ctx.error(`${tf}.clientCertificate`, 'client certificate required for mutual tls');
      if (tls.privateKey === undefined) ctx.error(`${tf}.privateKey`, 'private key required for mutual tls');
    }
    if (tls.mode !== undefined && tls.mode !== 'DISABLE') {
      ctx.add(
        'SM0402',
        `${tf}.mode`,
        `TLS mode ${tls.mode} is accepted but not enforced: Shadowmesh does not encrypt traffic between sidecars`,
      );
    }
  }
}

function checkTrafficPolicy(ctx: RuleContext, f: string, tp: TrafficPolicy | undefined): void {
  if (!tp) return;
  if (isEmpty(tp)) {
    ctx.error(f, 'traffic policy must have at least one field');
    return;
  }
  checkPolicyParts(ctx, f, tp);
  const pls = tp.portLevelSettings ?? [];
  if (pls.length > 4096) ctx.error(`${f}.portLevelSettings`, 'at most 4096 port level settings are allowed');
  for (const [i, pl] of pls.entries()) {
    const pf = `${f}.portLevelSettings[${i}]`;
    if (pl.port?.number === undefined) ctx.error(`${pf}.port`, 'port must be specified');
    else {
      const e = checkPortNumber(pl.port.number);
      if (e) ctx.error(`${pf}.port.number`, e);
    }
    checkPolicyParts(ctx, pf, pl);
  }
}

/** istiod's webhook rules for a DestinationRule. */
export function checkDestinationRule(dr: DestinationRule): RuleContext {
  const ctx = new RuleContext();
  const s = dr.spec;
  const hostError = s.host === '' ? 'host is required' : checkWildcardHost(s.host);
  if (hostError) ctx.error('spec.host', hostError);
  checkTrafficPolicy(ctx, 'spec.trafficPolicy', s.trafficPolicy);
  const names = new Set<string>();
  for (const [i, sub] of (s.subsets ?? []).entries()) {
    const f = `spec.subsets[${i}]`;
    if (sub.name === '') ctx.error(`${f}.name`, 'subset name cannot be empty');
    else {
      const e = checkDns1123Label(sub.name);
      if (e) ctx.error(`${f}.name`, `subset name is invalid: ${e}`);
    }
    if (names.has(sub.name)) ctx.error(`${f}.name`, `duplicate subset names: ${sub.name}`);
    names.add(sub.name);
    ctx.labels(`${f}.labels`, sub.labels);
    checkTrafficPolicy(ctx, `${f}.trafficPolicy`, sub.trafficPolicy);
  }
  ctx.labels('spec.workloadSelector.matchLabels', s.workloadSelector?.matchLabels);
  return ctx;
}
