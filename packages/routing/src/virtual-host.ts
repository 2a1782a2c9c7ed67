// A virtual host: the routes one host name (or wildcard) gets, compiled from the VirtualServices bound to it.
import type { VirtualService } from '@shadowmesh/api';
import { splitServiceHost } from '@shadowmesh/api';
import type { CompiledDestination } from './destination.js';
import type { HostIndex } from './host-index.js';
import type { BindingContext } from './match-compiler.js';
import { guarded, keyOf, listOf, namespaceOf } from './resource-set.js';
import { type CompiledRoute, compileRoute, type RouteCompileContext } from './route-compiler.js';
import type { RegistryHost } from './service-registry.js';

export interface VirtualHost {
  /** The name or wildcard pattern. */
  readonly host: string;
  /** The registry entry behind the host, if any. */
  readonly registry: RegistryHost | null;
  /** VirtualServices whose routes this host uses (`namespace/name`), in order. */
  readonly virtualServices: readonly string[];
  readonly routes: readonly CompiledRoute[];
  /** Route for a registry host whose VirtualServices give no route here: all endpoints, default LB. */
  readonly defaultDestination: CompiledDestination | null;
  /** A wildcard ServiceEntry host with no endpoints: forwarded as addressed (Istio resolution NONE). */
  readonly passthrough: boolean;
  /** Gateway servers with `tls.httpsRedirect`. */
  readonly httpsRedirect: boolean;
}

/** Compiles (once per binding) the routes of VirtualServices; shared by every host that uses them. */
export class VsRouteCache {
  private readonly cache = new Map<string, CompiledRoute[]>();

  constructor(
    private readonly ctx: RouteCompileContext,
    private readonly proxy: { namespace: string; labels: Readonly<Record<string, string>> },
    private readonly onIssue: (message: string) => void,
  ) {}

  routes(vs: VirtualService, gateway: string): CompiledRoute[] {
    const vsKey = keyOf(vs);
    const key = `${vsKey}|${gateway}`;
    let out = this.cache.get(key);
    if (!out) {
      const binding: BindingContext = {
        proxyNamespace: this.proxy.namespace,
        proxyLabels: this.proxy.labels,
        gateway,
        vsNamespace: namespaceOf(vs),
        vsGateways: vs.spec.gateways,
      };
      out = [];
      listOf(vs.spec.http).forEach((r, i) => {
        if (!r || typeof r !== 'object') return;
        guarded(`${vsKey}#${i}`, this.onIssue, () => {
          const c = compileRoute(r, i, vsKey, binding, this.ctx, this.onIssue);
          if (c) out!.push(c);
        });
      });
      if ((vs.spec.tcp?.length ?? 0) > 0 || (vs.spec.tls?.length ?? 0) > 0) {
        this.onIssue(`${vsKey}: tcp and tls routes are not supported (HTTP only)`);
      }
      this.cache.set(key, out);
    }
    return out;
  }
}

/**
 * Adds the short names a workload in `proxyNamespace` may use for Kubernetes service hosts, as Istio's
 * sidecar virtual hosts do: `name.ns.svc`, `name.ns`, and bare `name` for services in the proxy's own
 * namespace. Real names always win over aliases.
 */
export function addServiceAliases(index: HostIndex<VirtualHost>, proxyNamespace: string): void {
  const aliases: [string, VirtualHost][] = [];
  for (const [host, vh] of index.entries()) {
    const svc = splitServiceHost(host);
    if (!svc) continue;
    aliases.push([`${svc.name}.${svc.namespace}.svc`, vh], [`${svc.name}.${svc.namespace}`, vh]);
    if (svc.namespace === proxyNamespace) aliases.push([svc.name, vh]);
  }
  for (const [name, vh] of aliases) index.addAlias(name, vh);
}

/** The aliases of a host for the dump (same rule as addServiceAliases). */
export function aliasesOf(host: string, proxyNamespace: string): string[] {
  const svc = splitServiceHost(host);
  if (!svc) return [];
  const out = [`${svc.name}.${svc.namespace}.svc`, `${svc.name}.${svc.namespace}`];
  if (svc.namespace === proxyNamespace) out.push(svc.name);
  return out;
}
