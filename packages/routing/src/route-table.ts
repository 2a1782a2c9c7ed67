// compileRouteTable: resources + endpoints → an immutable table whose `route()` touches only lookup tables.
import { parseAuthority } from './authority.js';
import { ClusterFactory } from './cluster-factory.js';
import { DestinationRuleIndex } from './destination-rules.js';
import { createStateStore, type StateStore } from './endpoint-state.js';
import { addGatewayApiResources } from './gateway-api/resource-set-translation.js';
import { buildGatewayHosts } from './gateway-hosts.js';
import { EMPTY_HEADER_OPS } from './header-ops.js';
import type { HostIndex } from './host-index.js';
import type { MatchBlock } from './match-compiler.js';
import { isMirrorable, sampleMirrors } from './mirror-policy.js';
import { compileRedirect } from './redirect.js';
import { RequestView } from './request-view.js';
import { groupResources } from './resource-set.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import type { CompiledRoute } from './route-compiler.js';
import { ServiceRegistry } from './service-registry.js';
import { ShadowSettingsIndex } from './shadow-settings.js';
import { buildSidecarHosts } from './sidecar-hosts.js';
import { dumpTable } from './table-dump.js';
import type {
  MeshSettings,
  MirrorDecision,
  RandomSource,
  RequestAttributes,
  RouteDecision,
  RouteTable,
  RouteTableInput,
} from './types.js';
import type { VirtualHost } from './virtual-host.js';
import { VsRouteCache } from './virtual-host.js';

/** Mutable state behind each table, found again when the table is passed as `previous`. */
const STATES = new WeakMap<RouteTable, StateStore>();

const HTTPS_REDIRECT = compileRedirect({ scheme: 'https' });

function validPort(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

class CompiledRouteTable implements RouteTable {
  readonly version: string;
  readonly settings: MeshSettings;

  constructor(
    private readonly input: RouteTableInput,
    private readonly sidecarHosts: HostIndex<VirtualHost> | null,
    private readonly gatewayPorts: ReadonlyMap<number, HostIndex<VirtualHost>>,
    private readonly gateways: readonly string[],
    private readonly shadow: ShadowSettingsIndex,
    private readonly clusters: ClusterFactory,
    private readonly issues: readonly string[],
  ) {
    this.version = input.version;
    this.settings = shadow.mesh;
  }

  route(request: RequestAttributes, random: RandomSource): RouteDecision {
    try {
      return this.decide(request, random);
    } catch (err) {
      // Unreachable by design; the contract is that route() never throws for any request.
      return { kind: 'reject', status: 404, flag: 'NR', reason: `routing error: ${(err as Error)?.message}` };
    }
  }

  dump(): unknown {
    return dumpTable({
      version: this.version,
      proxy: this.input.proxy,
      settings: this.settings,
      sidecarHosts: this.sidecarHosts,
      gatewayPorts: this.gatewayPorts,
      gateways: this.gateways,
      clusters: this.clusters.all(),
      issues: this.issues,
    });
  }

  private lookup(host: string, port: number): VirtualHost | null {
    if (this.sidecarHosts) return this.sidecarHosts.lookup(host);
    const index = this.gatewayPorts.get(port);
    if (index) return index.lookup(host);
    // A gateway proxy listens on one address whatever its Gateways' port numbers: a request on a port no
    // server declares is served by the servers in declaration order.
    for (const idx of this.gatewayPorts.values()) {
      const vh = idx.lookup(host);
      if (vh) return vh;
    }
    return null;
  }

  private decide(request: RequestAttributes, random: RandomSource): RouteDecision {
    const authority = typeof request.authority === 'string' ? request.authority : '';
    const parsed = parseAuthority(authority);
    const port = validPort(request.port)
      ? request.port
      : (parsed.port ?? (request.scheme === 'https' ? 443 : 80));
    const vh = this.lookup(parsed.host, port);
    if (!vh) {
      if (!this.sidecarHosts) {
        return {
          kind: 'reject',
          status: 404,
          flag: 'NR',
          reason: `no gateway route for host "${parsed.host}"`,
        };
      }
      if (this.settings.outboundPolicy === 'REGISTRY_ONLY') {
        return {
          kind: 'reject',
          status: 502,
          flag: 'NR',
          reason: `host "${parsed.host}" is not in the service registry (outbound policy REGISTRY_ONLY)`,
        };
      }
      return { kind: 'passthrough', authority };
    }
    const view = new RequestView(request, port);
    if (vh.httpsRedirect && request.scheme !== 'https') {
      return {
        kind: 'redirect',
        status: HTTPS_REDIRECT.status,
        location: HTTPS_REDIRECT.location(view, null),
      };
    }
    for (const route of vh.routes) {
      const block = route.match.match(view);
      if (block) return this.act(route, block, view, random);
    }
    if (vh.routes.length === 0) {
      if (vh.passthrough) return { kind: 'passthrough', authority };
      if (vh.defaultDestination) return this.forwardDefault(vh, view);
    }
    return {
      kind: 'reject',
      status: 404,
      flag: 'NR',
      reason: `no route matched for "${parsed.host}${view.path}"`,
    };
  }

  private forwardDefault(vh: VirtualHost, view: RequestView): RouteDecision {
    const cluster = vh.defaultDestination!.clusterFor(view.port);
    return {
      kind: 'forward',
      routeName: null,
      flowRoute: null,
      cluster,
      authority: view.request.authority,
      path: view.originPath,
      requestHeaders: EMPTY_HEADER_OPS,
      responseHeaders: EMPTY_HEADER_OPS,
      timeoutMs: null,
      retry: DEFAULT_RETRY_POLICY,
      fault: null,
      mirrors: [],
      mirrorsSampledOut: 0,
      settings: this.shadow.forHost(cluster.host),
    };
  }

  private act(
    route: CompiledRoute,
    block: MatchBlock,
    view: RequestView,
    random: RandomSource,
  ): RouteDecision {
    const action = route.action;
    if (action.kind === 'redirect') {
      return {
        kind: 'redirect',
        status: action.redirect.status,
        location: action.redirect.location(view, block),
      };
    }
    if (action.kind === 'direct-response') {
      return { kind: 'direct-response', status: action.status, body: action.body };
    }
    const dest = action.picker.pick(random)!;
    const cluster = dest.destination.clusterFor(view.port);
    const authority = dest.authority ?? view.request.authority;
    const path = action.rewritePath ? action.rewritePath(view.path, block) + view.query : view.originPath;
    const fault = action.fault ? action.fault.sample(random) : null;
    const mirrors: MirrorDecision[] = [];
    let mirrorsSampledOut = 0;
    if (action.mirrors.length > 0 && isMirrorable(view)) {
      mirrorsSampledOut = sampleMirrors(action.mirrors, authority, view.port, random, mirrors);
    }
    return {
      kind: 'forward',
      routeName: route.name,
      flowRoute: route.flowRoute,
      cluster,
      authority,
      path,
      requestHeaders: dest.requestHeaders,
      responseHeaders: dest.responseHeaders,
      timeoutMs: action.timeoutMs,
      retry: action.retry,
      fault,
      mirrors,
      mirrorsSampledOut,
      settings: this.shadow.forHost(cluster.host),
    };
  }
}

/**
 * Compiles resources and endpoints into the route table of one proxy. Pure: no I/O, no timers. With
 * `previous`, load-balancer and outlier-detection state carries over by cluster name + endpoint address.
 * Never throws on resource content: what cannot be honoured is listed under `issues` in `dump()`.
 */
export function compileRouteTable(input: RouteTableInput, previous?: RouteTable): RouteTable {
  const issues: string[] = [];
  const onIssue = (m: string) => {
    if (issues.length < 1000) issues.push(m);
  };
  const proxy = input.proxy;
  const set = addGatewayApiResources(
    groupResources(input.resources ?? [], input.endpoints ?? [], proxy.namespace),
    onIssue,
  );
  const prevState = previous ? STATES.get(previous) : undefined;
  const store = createStateStore(prevState);
  const registry = new ServiceRegistry(set, input.endpoints ?? [], proxy.namespace, onIssue);
  const rules = new DestinationRuleIndex(set, proxy.namespace, onIssue);
  const clusters = new ClusterFactory(registry, rules, store, prevState, onIssue);
  const shadow = new ShadowSettingsIndex(set, onIssue);
  const ctx = { registry, clusters, namespaces: set.namespaces, settings: shadow };
  const cache = new VsRouteCache(ctx, proxy, onIssue);
  let table: CompiledRouteTable;
  if (proxy.kind === 'gateway') {
    const gw = buildGatewayHosts(set, proxy, cache, onIssue);
    table = new CompiledRouteTable(input, null, gw.byPort, gw.gateways, shadow, clusters, issues);
  } else {
    const hosts = buildSidecarHosts(set, proxy.namespace, ctx, cache, onIssue);
    table = new CompiledRouteTable(input, hosts, new Map(), [], shadow, clusters, issues);
  }
  STATES.set(table, store);
  return table;
}
