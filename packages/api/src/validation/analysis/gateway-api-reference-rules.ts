// Cross-resource rules for HTTPRoutes: parents and backends that do not exist, ports a Service lacks, and
// Gateway listeners that do not accept the route (namespace, kind, protocol, hostname) — what a Gateway API
// controller reports in the route's status conditions.

import { hostnamesIntersect } from '../../resources/gateway-api/hostnames.js';
import type { HTTPRouteFilter } from '../../resources/gateway-api/http-route-filters.js';
import type { GatewayHTTPRoute } from '../../resources/gateway-api/http-route-kind.js';
import type { KubernetesGateway, Listener } from '../../resources/gateway-api/kubernetes-gateway.js';
import {
  type BackendObjectReference,
  backendGroupKind,
  isGatewayRef,
  isServiceRef,
  type ParentReference,
  parentGroupKind,
} from '../../resources/gateway-api/references.js';
import { serviceFqdn } from '../../resources/host.js';
import { GATEWAY_API_GROUP } from '../../resources/kinds.js';
import type { Service } from '../../resources/service.js';
import type { Issue } from '../finding.js';
import type { MeshIndex } from './mesh-index.js';

/** The label Kubernetes puts on every namespace: the one namespace label analysis can know. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function portList(svc: Service): string {
  const ports = (svc.spec.ports ?? []).map((p) => String(p.port));
  return ports.length ? ports.join(', ') : 'none';
}

/**
 * Whether a listener's `allowedRoutes` admits an HTTPRoute from `routeNs`: a reason when it does not, null
 * when it does or cannot be known (a namespace selector on labels other than the namespace's name).
 */
function refusal(l: Listener, gwNs: string, routeNs: string): string | null {
  const kinds = l.allowedRoutes?.kinds;
  if (kinds?.length) {
    const http = kinds.some(
      (k) => k.kind === 'HTTPRoute' && (k.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP,
    );
    if (!http) return `listener ${l.name} allows only ${kinds.map((k) => k.kind).join(', ')}`;
  }
  if (l.protocol !== 'HTTP' && l.protocol !== 'HTTPS') return `listener ${l.name} is ${l.protocol}`;
  const ns = l.allowedRoutes?.namespaces;
  const from = ns?.from ?? 'Same';
  if (from === 'Same' && routeNs !== gwNs)
    return `listener ${l.name} allows routes from its own namespace ${gwNs} only`;
  if (from === 'Selector' && ns?.selector) {
    const { matchLabels = {}, matchExpressions = [] } = ns.selector;
    const keys = [...Object.keys(matchLabels), ...matchExpressions.map((e) => e.key)];
    if (keys.some((k) => k !== NAMESPACE_NAME_LABEL)) return null;
    const ok =
      Object.values(matchLabels).every((v) => v === routeNs) &&
      matchExpressions.every((e) => {
        const has = (e.values ?? []).includes(routeNs);
        if (e.operator === 'In') return has;
        if (e.operator === 'NotIn') return !has;
        return e.operator === 'Exists';
      });
    if (!ok) return `listener ${l.name} selects namespaces that do not include ${routeNs}`;
  }
  return null;
}

function checkGatewayParent(
  route: GatewayHTTPRoute,
  field: string,
  ref: ParentReference,
  gw: KubernetesGateway,
  issues: Issue[],
): void {
  const routeNs = route.metadata.namespace ?? 'default';
  const gwNs = gw.metadata.namespace ?? 'default';
  const gwKey = `${gwNs}/${gw.metadata.name}`;
  let listeners = gw.spec.listeners;
  if (ref.sectionName !== undefined) {
    listeners = listeners.filter((l) => l.name === ref.sectionName);
    if (listeners.length === 0) {
      const names = gw.spec.listeners.map((l) => l.name).join(', ');
      const message = `Gateway ${gwKey} has no listener named "${ref.sectionName}" (its listeners: ${names})`;
      issues.push({ code: 'SM0108', field: `${field}.sectionName`, message });
      return;
    }
  }
  if (ref.port !== undefined) {
    listeners = listeners.filter((l) => l.port === ref.port);
    if (listeners.length === 0) {
      issues.push({
        code: 'SM0108',
        field: `${field}.port`,
        message: `Gateway ${gwKey} has no listener on port ${ref.port}`,
      });
      return;
    }
  }
  const reasons = listeners.map((l) => refusal(l, gwNs, routeNs));
  const admitting = listeners.filter((_, i) => reasons[i] === null);
  if (admitting.length === 0) {
    issues.push({
      code: 'SM0112',
      field,
      message: `no listener of Gateway ${gwKey} accepts this HTTPRoute from namespace ${routeNs}: ${reasons.join('; ')}`,
    });
    return;
  }
  const hostnames = route.spec.hostnames ?? [];
  if (hostnames.length === 0) return;
  const matching = admitting.some(
    (l) => l.hostname === undefined || hostnames.some((h) => hostnamesIntersect(h, l.hostname ?? '')),
  );
  if (!matching) {
    const listenerHosts = admitting.map((l) => `${l.name}: ${l.hostname}`).join(', ');
    issues.push({
      code: 'SM0113',
      field,
      message: `the route hostnames (${hostnames.join(', ')}) intersect no listener hostname of Gateway ${gwKey} (${listenerHosts})`,
    });
  }
}

function checkServiceParent(
  field: string,
  ref: ParentReference,
  ns: string,
  index: MeshIndex,
  issues: Issue[],
): void {
  const key = `${ns}/${ref.name}`;
  const svc = index.service(serviceFqdn(ref.name, ns));
  if (!svc) {
    issues.push({
      code: 'SM0108',
      field,
      message: `parent Service ${key} not found: the route applies to no traffic`,
    });
    return;
  }
  if (ref.port !== undefined && !(svc.spec.ports ?? []).some((p) => p.port === ref.port)) {
    const message = `Service ${key} has no port ${ref.port} (its ports: ${portList(svc)})`;
    issues.push({ code: 'SM0108', field: `${field}.port`, message });
  }
  if (ref.sectionName !== undefined && !(svc.spec.ports ?? []).some((p) => p.name === ref.sectionName)) {
    const message = `Service ${key} has no port named "${ref.sectionName}"`;
    issues.push({ code: 'SM0108', field: `${field}.sectionName`, message });
  }
}

function checkBackend(
  field: string,
  ref: BackendObjectReference,
  routeNs: string,
  mirror: boolean,
  index: MeshIndex,
  issues: Issue[],
): void {
  if (!isServiceRef(backendGroupKind(ref))) return; // refused by validation
  const ns = ref.namespace ?? routeNs;
  const fqdn = serviceFqdn(ref.name, ns);
  const svc = index.service(fqdn);
  if (!svc) {
    const what = mirror ? 'mirror backend' : 'backend';
    const effect = mirror ? 'nothing is mirrored' : 'requests sent to it get 500';
    issues.push({
      code: mirror ? 'SM0110' : 'SM0109',
      field: `${field}.name`,
      message: `${what} Service ${ns}/${ref.name} not found: ${effect}`,
    });
    return;
  }
  if (ref.port !== undefined && !(svc.spec.ports ?? []).some((p) => p.port === ref.port)) {
    issues.push({
      code: 'SM0111',
      field: `${field}.port`,
      message: `port ${ref.port} is not a port of Service ${ns}/${ref.name} (its ports: ${portList(svc)})`,
    });
    return;
  }
  const endpoints = mirror ? index.endpointsOf(fqdn) : undefined;
  if (endpoints && endpoints.length === 0) {
    issues.push({
      code: 'SM0305',
      field,
      message: `mirror target ${fqdn} has no running workloads: mirrored copies are dropped`,
    });
  }
}

function checkMirrors(
  base: string,
  filters: readonly HTTPRouteFilter[],
  routeNs: string,
  index: MeshIndex,
  issues: Issue[],
): void {
  for (const [j, f] of filters.entries()) {
    if (f.type === 'RequestMirror' && f.requestMirror)
      checkBackend(
        `${base}[${j}].requestMirror.backendRef`,
        f.requestMirror.backendRef,
        routeNs,
        true,
        index,
        issues,
      );
  }
}

/** Parents, backends and mirror backends of one HTTPRoute, against the rest of the mesh. */
export function checkHTTPRouteRefs(route: GatewayHTTPRoute, index: MeshIndex, issues: Issue[]): void {
  const ns = route.metadata.namespace ?? 'default';
  for (const [i, ref] of (route.spec.parentRefs ?? []).entries()) {
    const field = `spec.parentRefs[${i}]`;
    const gk = parentGroupKind(ref);
    const parentNs = ref.namespace ?? ns;
    if (isServiceRef(gk)) checkServiceParent(field, ref, parentNs, index, issues);
    else if (isGatewayRef(gk)) {
      const gw = index.kubernetesGateway(parentNs, ref.name);
      if (gw) checkGatewayParent(route, field, ref, gw, issues);
      else
        issues.push({ code: 'SM0108', field, message: `parent Gateway ${parentNs}/${ref.name} not found` });
    }
  }
  for (const [i, rule] of (route.spec.rules ?? []).entries()) {
    const base = `spec.rules[${i}]`;
    checkMirrors(`${base}.filters`, rule.filters ?? [], ns, index, issues);
    for (const [k, b] of (rule.backendRefs ?? []).entries()) {
      const at = `${base}.backendRefs[${k}]`;
      checkBackend(at, b, ns, false, index, issues);
      checkMirrors(`${at}.filters`, b.filters ?? [], ns, index, issues);
    }
  }
}
