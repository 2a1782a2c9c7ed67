import type { Gateway } from '../resources/gateway.js';
import type { ServiceEntry } from '../resources/service-entry.js';
import { checkDns1123Label, checkPortNumber, checkWildcardHost, isIpAddress } from './names.js';
import { fieldPath, RuleContext } from './rule-context.js';

/** Protocols istiod accepts on Gateway and ServiceEntry ports (case-insensitive). */
export const PORT_PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'GRPC',
  'GRPC-WEB',
  'HTTP2',
  'MONGO',
  'TCP',
  'TLS',
  'REDIS',
  'MYSQL',
  'UDP',
];

function checkProtocol(ctx: RuleContext, field: string, protocol: string | undefined): void {
  if (protocol === undefined) return;
  if (!PORT_PROTOCOLS.includes(protocol.toUpperCase())) {
    ctx.error(field, `invalid protocol "${protocol}", supported protocols are ${PORT_PROTOCOLS.join(', ')}`);
  }
}

/** istiod's webhook rules for a Gateway. */
export function checkGateway(gw: Gateway): RuleContext {
  const ctx = new RuleContext();
  const servers = gw.spec.servers;
  if (servers.length === 0) ctx.error('spec.servers', 'gateway must have at least one server');
  ctx.labels('spec.selector', gw.spec.selector);
  for (const [i, s] of servers.entries()) {
    const f = `spec.servers[${i}]`;
    const pe = checkPortNumber(s.port.number);
    if (pe) ctx.error(`${f}.port.number`, pe);
    checkProtocol(ctx, `${f}.port.protocol`, s.port.protocol);
    if (s.hosts.length === 0) ctx.error(`${f}.hosts`, 'server config must contain at least one host');
    for (const [j, h] of s.hosts.entries()) {
      const parts = h.split('/');
      const host = parts.length === 2 ? (parts[1] ?? '') : h;
      const ns = parts.length === 2 ? (parts[0] ?? '') : null;
      const nsBad = ns !== null && ns !== '*' && ns !== '.' && ns !== '~' && checkDns1123Label(ns) !== null;
      const hostError =
        parts.length > 2 || nsBad
          ? `invalid host "${h}": expected "host" or "namespace/host"`
          : checkWildcardHost(host);
      if (hostError) ctx.error(`${f}.hosts[${j}]`, hostError);
    }
    const proto = s.port.protocol.toUpperCase();
    if ((proto === 'HTTPS' || proto === 'TLS') && !s.tls) {
      ctx.error(`${f}.tls`, `server must have TLS settings for ${proto} protocol`);
    }
    if ((proto === 'HTTP' || proto === 'HTTP2' || proto === 'GRPC') && s.tls && !s.tls.httpsRedirect) {
      ctx.error(`${f}.tls`, 'server cannot have TLS settings for plain text HTTP ports');
    }
  }
  return ctx;
}

/** istiod's webhook rules for a ServiceEntry. */
export function checkServiceEntry(se: ServiceEntry): RuleContext {
  const ctx = new RuleContext();
  const s = se.spec;
  if (s.hosts.length === 0) ctx.error('spec.hosts', 'service entry must have at least one host');
  for (const [i, h] of s.hosts.entries()) {
    if (h === '*') ctx.error(`spec.hosts[${i}]`, 'invalid host *');
    else {
      const e = checkWildcardHost(h);
      if (e) ctx.error(`spec.hosts[${i}]`, e);
    }
    if (h.startsWith('*') && (s.resolution === 'DNS' || s.resolution === 'DNS_ROUND_ROBIN')) {
      ctx.error(`spec.hosts[${i}]`, 'wildcard host not allowed with DNS resolution');
    }
  }
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  for (const [i, p] of (s.ports ?? []).entries()) {
    const f = `spec.ports[${i}]`;
    const e = checkPortNumber(p.number);
    if (e) ctx.error(`${f}.number`, e);
    if (portNumbers.has(p.number)) ctx.error(`${f}.number`, `port number ${p.number} is already used`);
    portNumbers.add(p.number);
    checkProtocol(ctx, `${f}.protocol`, p.protocol);
    if (p.name !== undefined) {
      if (portNames.has(p.name)) ctx.error(`${f}.name`, `port name ${p.name} is already used`);
      portNames.add(p.name);
    }
  }
  if (s.resolution === 'STATIC' && !s.endpoints?.length && !s.workloadSelector) {
    ctx.error('spec.endpoints', 'endpoints must be provided if service entry discovery mode is static');
  }
  for (const [i, ep] of (s.endpoints ?? []).entries()) {
    const f = `spec.endpoints[${i}]`;
    if (!ep.address) ctx.error(`${f}.address`, 'address is required');
    else if (s.resolution === 'STATIC' && !isIpAddress(ep.address) && !ep.address.startsWith('unix://')) {
      ctx.error(
        `${f}.address`,
        `endpoint address "${ep.address}" must be an IP address with STATIC resolution`,
      );
    }
    for (const [name, port] of Object.entries(ep.ports ?? {})) {
      if (!portNames.has(name))
        ctx.error(fieldPath(`${f}.ports`, name), `endpoint port name ${name} is not declared in spec.ports`);
      const pe = checkPortNumber(port);
      if (pe) ctx.error(fieldPath(`${f}.ports`, name), pe);
    }
    ctx.labels(`${f}.labels`, ep.labels);
  }
  return ctx;
}
