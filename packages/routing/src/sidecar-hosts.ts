// The virtual hosts of a sidecar: every registry host, plus the hosts of mesh-bound VirtualServices.
import type { VirtualService } from '@shadowmesh/api';
import { resolveHost } from '@shadowmesh/api';
import { type DestinationContext, destinationFor } from './destination.js';
import { HostIndex } from './host-index.js';
import { resolveGatewayName } from './match-compiler.js';
import { isVisible, keyOf, listOf, namespaceOf, type ResourceSet } from './resource-set.js';
import type { RegistryHost } from './service-registry.js';
import { addServiceAliases, type VirtualHost, type VsRouteCache } from './virtual-host.js';

interface Draft {
  host: string;
  registry: RegistryHost | null;
  vs: VirtualService[];
}

/** True when the VirtualService applies to sidecars: no `gateways`, or `mesh` among them. */
export function isMeshBound(vs: VirtualService): boolean {
  const g = vs.spec.gateways;
  return (
    !Array.isArray(g) || g.length === 0 || g.some((n) => resolveGatewayName(n, namespaceOf(vs)) === 'mesh')
  );
}

/**
 * Builds a sidecar's host index. A host's routes come from the VirtualServices naming it exactly (in
 * creation order, concatenated: first matching rule wins); a host no VirtualService names exactly takes the
 * VirtualServices of the most specific wildcard covering it. A registry host whose VirtualServices yield no
 * route for this proxy keeps the default route (Istio skips a VirtualService with no applicable route).
 * `*` is refused for mesh-bound VirtualServices, as Istio's validation does.
 */
export function buildSidecarHosts(
  set: ResourceSet,
  proxyNamespace: string,
  ctx: DestinationContext,
  cache: VsRouteCache,
  onIssue: (message: string) => void,
): HostIndex<VirtualHost> {
  const drafts = new HostIndex<Draft>();
  for (const [host, reg] of ctx.registry.hosts.entries()) drafts.add(host, { host, registry: reg, vs: [] });
  for (const w of ctx.registry.hosts.wildcardEntries()) {
    drafts.add(w.pattern, { host: w.pattern, registry: w.value, vs: [] });
  }
  for (const vs of set.virtualServices) {
    const ns = namespaceOf(vs);
    if (!isMeshBound(vs) || !isVisible(vs.spec.exportTo, ns, proxyNamespace)) continue;
    for (const raw of listOf(vs.spec.hosts)) {
      if (typeof raw !== 'string' || raw === '') continue;
      const host = resolveHost(raw, ns, { namespaces: set.namespaces });
      if (host === '*') {
        onIssue(
          `${keyOf(vs)}: wildcard host * is not allowed for virtual services bound to the mesh gateway`,
        );
        continue;
      }
      const wild = host.startsWith('*');
      let d = wild ? drafts.getWildcard(host) : drafts.getExact(host);
      if (!d) {
        d = { host, registry: wild ? null : ctx.registry.lookup(host), vs: [] };
        drafts.add(host, d);
      }
      if (!d.vs.includes(vs)) d.vs.push(vs);
    }
  }
  const index = new HostIndex<VirtualHost>();
  const finish = (d: Draft, covering: Draft[]): VirtualHost => {
    const vsList = d.vs.length > 0 ? d.vs : (covering.find((c) => c.vs.length > 0)?.vs ?? []);
    const routes = vsList.flatMap((vs) => cache.routes(vs, 'mesh'));
    const reg = d.registry;
    const passthrough = routes.length === 0 && reg !== null && reg.host.startsWith('*');
    const defaultDestination =
      routes.length === 0 && reg !== null && !passthrough ? destinationFor(reg.host, null, null, ctx) : null;
    return {
      host: d.host,
      registry: reg,
      virtualServices: vsList.map(keyOf),
      routes,
      defaultDestination,
      passthrough,
      httpsRedirect: false,
    };
  };
  for (const [host, d] of drafts.entries()) index.add(host, finish(d, drafts.wildcardsCovering(host)));
  for (const w of drafts.wildcardEntries()) {
    index.add(
      w.pattern,
      finish(
        w.value,
        drafts.wildcardsCovering(w.pattern).filter((c) => c !== w.value),
      ),
    );
  }
  addServiceAliases(index, proxyNamespace);
  return index;
}
