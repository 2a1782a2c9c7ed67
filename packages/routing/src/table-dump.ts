// The JSON summary a proxy serves at `/config_dump`: hosts, routes, clusters, endpoints, settings, issues.
import type { RoutingCluster } from './cluster.js';
import type { HostIndex } from './host-index.js';
import type { CompiledRoute } from './route-compiler.js';
import type { MeshSettings, RouteTableInput } from './types.js';
import { aliasesOf, type VirtualHost } from './virtual-host.js';

export interface DumpInput {
  version: string;
  proxy: RouteTableInput['proxy'];
  settings: MeshSettings;
  sidecarHosts: HostIndex<VirtualHost> | null;
  gatewayPorts: ReadonlyMap<number, HostIndex<VirtualHost>>;
  gateways: readonly string[];
  clusters: readonly RoutingCluster[];
  issues: readonly string[];
}

function dumpRoute(r: CompiledRoute): Record<string, unknown> {
  const a = r.action;
  const base = { name: r.name, match: r.source.match ?? [] };
  if (a.kind === 'redirect') return { ...base, redirect: r.source.redirect, status: a.redirect.status };
  if (a.kind === 'direct-response') return { ...base, directResponse: { status: a.status, body: a.body } };
  const total = a.picker.total;
  return {
    ...base,
    destinations: a.picker.entries.map((e) => ({
      host: e.item.destination.host,
      subset: e.item.destination.subset,
      port: e.item.destination.port,
      weight: e.weight,
      share: total > 0 ? e.weight / total : 0,
      authority: e.item.authority,
      requestHeaders: e.item.requestHeaders,
      responseHeaders: e.item.responseHeaders,
    })),
    mirrors: a.mirrors.map((m) => ({
      host: m.destination.host,
      subset: m.destination.subset,
      port: m.destination.port,
      percentage: m.percentage,
      shadowHostSuffix: m.settings.shadowHostSuffix,
    })),
    rewrite: r.source.rewrite ?? null,
    timeoutMs: a.timeoutMs,
    retry: a.retry && {
      attempts: a.retry.attempts,
      perTryTimeoutMs: a.retry.perTryTimeoutMs,
      retryOn: [...a.retry.retryOn],
      retriableStatusCodes: [...a.retry.retriableStatusCodes],
    },
    fault: a.fault?.summary ?? null,
  };
}

function dumpHosts(index: HostIndex<VirtualHost>, proxyNamespace: string, port: number | null): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<VirtualHost>();
  const one = (vh: VirtualHost) => {
    if (seen.has(vh)) return; // aliases point at the same host
    seen.add(vh);
    out.push({
      host: vh.host,
      ...(port !== null ? { port } : {}),
      aliases: aliasesOf(vh.host, proxyNamespace),
      registry: vh.registry ? { kind: vh.registry.kind, source: vh.registry.source } : null,
      virtualServices: vh.virtualServices,
      routes: vh.routes.map(dumpRoute),
      defaultRoute: vh.defaultDestination
        ? { host: vh.defaultDestination.host, port: vh.defaultDestination.port }
        : null,
      passthrough: vh.passthrough,
      httpsRedirect: vh.httpsRedirect,
    });
  };
  for (const [, vh] of index.entries()) one(vh);
  for (const w of index.wildcardEntries()) one(w.value);
  return out;
}

/** Builds the dump; everything in it is plain JSON. */
export function dumpTable(d: DumpInput): unknown {
  const hosts = d.sidecarHosts
    ? dumpHosts(d.sidecarHosts, d.proxy.namespace, null)
    : [...d.gatewayPorts].flatMap(([port, idx]) => dumpHosts(idx, d.proxy.namespace, port));
  return {
    version: d.version,
    proxy: {
      kind: d.proxy.kind,
      namespace: d.proxy.namespace,
      labels: d.proxy.labels,
      name: d.proxy.name ?? null,
    },
    settings: d.settings,
    gateways: d.gateways,
    hosts,
    clusters: d.clusters.map((c) => c.dump()),
    issues: d.issues,
  };
}
