// The virtual hosts of a gateway proxy, per server port: hosts of VirtualServices bound to the Gateways whose
// selector matches the proxy, intersected with each server's hosts.
import type { Gateway, Server, VirtualService } from '@shadowmesh/api';
import { hostMatches, resolveHost } from '@shadowmesh/api';
import { normaliseHost } from './authority.js';
import { HostIndex } from './host-index.js';
import { resolveGatewayName } from './match-compiler.js';
import {
  guarded,
  isVisible,
  keyOf,
  listOf,
  namespaceOf,
  type ResourceSet,
  selectorMatches,
} from './resource-set.js';
import { addServiceAliases, type VirtualHost, type VsRouteCache } from './virtual-host.js';

/** Server protocols a plain-HTTP gateway proxy serves (TLS is not terminated). */
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);

interface Draft {
  host: string;
  bindings: { vs: VirtualService; order: number; gateway: string }[];
  httpsRedirect: boolean;
}

export interface GatewayHosts {
  /** Server port → its hosts, in the order the servers were declared. */
  readonly byPort: ReadonlyMap<number, HostIndex<VirtualHost>>;
  /** `namespace/name` of the Gateways that select this proxy. */
  readonly gateways: readonly string[];
}

/** The VirtualService host a server exposes: Istio intersects server hosts and VirtualService hosts. */
function exposedHost(serverHost: string, vsHost: string): string | null {
  if (hostMatches(serverHost, vsHost)) return vsHost;
  if (hostMatches(vsHost, serverHost)) return serverHost;
  return null;
}

/** Splits a server host `ns/host` and checks the namespace part against the VirtualService's. */
function serverHostFor(raw: string, gwNs: string, vsNs: string): string | null {
  const slash = raw.indexOf('/');
  if (slash === -1) return normaliseHost(raw);
  const nsPart = raw.slice(0, slash);
  const ok = nsPart === '*' || (nsPart === '.' ? vsNs === gwNs : vsNs === nsPart);
  return ok ? normaliseHost(raw.slice(slash + 1)) : null;
}

/** Adds to `forPort` the hosts one Gateway server exposes, from the VirtualServices bound to its Gateway. */
function bindServer(
  forPort: Map<string, Draft>,
  server: Server,
  gw: { key: string; namespace: string },
  set: ResourceSet,
  proxyNamespace: string,
): void {
  set.virtualServices.forEach((vs, order) => {
    const vsNs = namespaceOf(vs);
    const bound = listOf(vs.spec.gateways).some((g) => resolveGatewayName(g, vsNs) === gw.key);
    if (!bound || !isVisible(vs.spec.exportTo, vsNs, proxyNamespace)) return;
    for (const rawVsHost of listOf(vs.spec.hosts)) {
      if (typeof rawVsHost !== 'string' || rawVsHost === '') continue;
      const vsHost = resolveHost(rawVsHost, vsNs, { namespaces: set.namespaces });
      for (const rawServerHost of listOf(server.hosts)) {
        const serverHost = serverHostFor(String(rawServerHost), gw.namespace, vsNs);
        const host = serverHost === null ? null : exposedHost(serverHost, vsHost);
        if (host === null) continue;
        let d = forPort.get(host);
        if (!d) {
          d = { host, bindings: [], httpsRedirect: false };
          forPort.set(host, d);
        }
        if (!d.bindings.some((b) => b.vs === vs && b.gateway === gw.key))
          d.bindings.push({ vs, order, gateway: gw.key });
        if (server.tls?.httpsRedirect) d.httpsRedirect = true;
      }
    }
  });
}

/**
 * Builds a gateway proxy's hosts. A VirtualService serves a Gateway's server when its `gateways` name that
 * Gateway (`ns/name`, or `name` in the VirtualService's namespace); its routes then see `gateway` =
 * that Gateway in match-level `gateways`. Several VirtualServices for one host are concatenated in
 * creation order (as Istio merges them at gateways).
 */
export function buildGatewayHosts(
  set: ResourceSet,
  proxy: { namespace: string; labels: Readonly<Record<string, string>> },
  cache: VsRouteCache,
  onIssue: (message: string) => void,
): GatewayHosts {
  const selected: Gateway[] = set.gateways.filter((g) => selectorMatches(g.spec.selector, proxy.labels));
  const drafts = new Map<number, Map<string, Draft>>();
  for (const gw of selected) {
    const gwKey = keyOf(gw);
    const gwNs = namespaceOf(gw);
    for (const server of listOf(gw.spec.servers)) {
      const port = server?.port?.number;
      if (typeof port !== 'number') continue;
      const protocol = String(server.port.protocol ?? '').toUpperCase();
      if (!HTTP_PROTOCOLS.has(protocol)) {
        onIssue(`${gwKey}: server on port ${port} with protocol ${protocol} is not served (plain HTTP only)`);
        continue;
      }
      let forPort = drafts.get(port);
      if (!forPort) {
        forPort = new Map();
        drafts.set(port, forPort);
      }
      guarded(`${gwKey} server on port ${port}`, onIssue, () =>
        bindServer(forPort!, server, { key: gwKey, namespace: gwNs }, set, proxy.namespace),
      );
    }
  }
  const byPort = new Map<number, HostIndex<VirtualHost>>();
  for (const [port, forPort] of drafts) {
    const index = new HostIndex<VirtualHost>();
    for (const d of forPort.values()) {
      const bindings = [...d.bindings].sort((a, b) => a.order - b.order);
      index.add(d.host, {
        host: d.host,
        registry: null,
        virtualServices: [...new Set(bindings.map((b) => keyOf(b.vs)))],
        routes: bindings.flatMap((b) => cache.routes(b.vs, b.gateway)),
        defaultDestination: null,
        passthrough: false,
        httpsRedirect: d.httpsRedirect,
      });
    }
    addServiceAliases(index, proxy.namespace);
    byPort.set(port, index);
  }
  return { byPort, gateways: selected.map(keyOf) };
}
