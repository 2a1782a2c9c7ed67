import type { MeshConfig } from '../resources/mesh-config.js';
import { MESH_CONFIG_NAME, MESH_CONFIG_NAMESPACE } from '../resources/mesh-config.js';
import type { Service } from '../resources/service.js';
import type { ShadowPolicy } from '../resources/shadow-policy.js';
import { checkDns1123Label, checkPortName, checkPortNumber, checkWildcardHost } from './names.js';
import { RuleContext } from './rule-context.js';

/** Kubernetes' rules for the Service fields the mesh uses. */
export function checkService(svc: Service): RuleContext {
  const ctx = new RuleContext();
  const s = svc.spec;
  ctx.labels('spec.selector', s.selector);
  const ports = s.ports ?? [];
  const headless = s.clusterIP === 'None' || s.type === 'ExternalName';
  if (ports.length === 0 && !headless) ctx.error('spec.ports', 'at least one port is required');
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const [i, p] of ports.entries()) {
    const f = `spec.ports[${i}]`;
    const pe = checkPortNumber(p.port);
    if (pe) ctx.error(`${f}.port`, pe);
    const key = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (numbers.has(key)) ctx.error(`${f}.port`, `duplicate port ${key}`);
    numbers.add(key);
    if (p.name === undefined || p.name === '') {
      if (ports.length > 1) ctx.error(`${f}.name`, 'name is required when a service has more than one port');
    } else {
      const e = checkDns1123Label(p.name);
      if (e) ctx.error(`${f}.name`, e);
      if (names.has(p.name)) ctx.error(`${f}.name`, `duplicate port name ${p.name}`);
      names.add(p.name);
    }
    if (typeof p.targetPort === 'number') {
      const e = checkPortNumber(p.targetPort);
      if (e) ctx.error(`${f}.targetPort`, e);
    } else if (typeof p.targetPort === 'string') {
      const e = /^\d+$/.test(p.targetPort)
        ? checkPortNumber(Number(p.targetPort))
        : checkPortName(p.targetPort);
      if (e) ctx.error(`${f}.targetPort`, e);
    }
  }
  return ctx;
}

/** MeshConfig: one per mesh, `default/default`. */
export function checkMeshConfig(mc: MeshConfig): RuleContext {
  const ctx = new RuleContext();
  if (mc.metadata.name !== MESH_CONFIG_NAME) {
    ctx.error('metadata.name', `the MeshConfig must be named "${MESH_CONFIG_NAME}" (one per mesh)`);
  }
  if ((mc.metadata.namespace ?? 'default') !== MESH_CONFIG_NAMESPACE) {
    ctx.error(
      'metadata.namespace',
      `the MeshConfig must be in namespace "${MESH_CONFIG_NAMESPACE}" (one per mesh)`,
    );
  }
  ctx.duration('spec.mirror.timeout', mc.spec.mirror?.timeout);
  return ctx;
}

/** ShadowPolicy: one concrete host, sane header names and JSON paths. */
export function checkShadowPolicy(sp: ShadowPolicy): RuleContext {
  const ctx = new RuleContext();
  const s = sp.spec;
  if (s.host.includes('*'))
    ctx.error('spec.host', 'a ShadowPolicy applies to one host: wildcards are not allowed');
  else {
    const e = s.host === '' ? 'host is required' : checkWildcardHost(s.host);
    if (e) ctx.error('spec.host', e);
  }
  ctx.duration('spec.mirror.timeout', s.mirror?.timeout);
  const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
  for (const key of ['redactHeaders'] as const) {
    for (const [i, h] of (s[key] ?? []).entries()) {
      if (!headerName.test(h)) ctx.error(`spec.${key}[${i}]`, `"${h}" is not a valid header name`);
    }
  }
  for (const [i, h] of (s.divergence?.ignoreHeaders ?? []).entries()) {
    if (!headerName.test(h))
      ctx.error(`spec.divergence.ignoreHeaders[${i}]`, `"${h}" is not a valid header name`);
  }
  for (const [i, p] of (s.divergence?.ignoreJsonPaths ?? []).entries()) {
    if (!/^\$(\.[^.[\]]+|\[(\d+|\*|'[^']*'|"[^"]*")\]|\.\*)*$/.test(p)) {
      ctx.error(
        `spec.divergence.ignoreJsonPaths[${i}]`,
        `"${p}" is not a supported JSON path: use $ followed by .key, .*, [n], [*] or ['key'] steps, e.g. "$.items[*].id"`,
      );
    }
  }
  return ctx;
}
