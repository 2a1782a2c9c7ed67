// Test helper: small builders for resources, endpoints, proxies and requests.
import type {
  DestinationRuleSpec,
  GatewaySpec,
  MeshConfigSpec,
  Resource,
  ServiceEntrySpec,
  ShadowPolicySpec,
  VirtualServiceSpec,
  WorkloadEndpoint,
} from '@shadowmesh/api';
import { compileRouteTable } from '../route-table.js';
import type {
  ForwardDecision,
  RequestAttributes,
  RouteDecision,
  RouteTable,
  RouteTableInput,
} from '../types.js';

const NET = 'networking.istio.io/v1';

function res<S>(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string,
  spec: S,
): Resource<string, S> {
  return { apiVersion, kind, metadata: { name, namespace }, spec };
}

export const vs = (name: string, spec: VirtualServiceSpec, ns = 'default') =>
  res(NET, 'VirtualService', name, ns, spec);
export const dr = (name: string, spec: DestinationRuleSpec, ns = 'default') =>
  res(NET, 'DestinationRule', name, ns, spec);
export const gateway = (name: string, spec: GatewaySpec, ns = 'default') =>
  res(NET, 'Gateway', name, ns, spec);
export const serviceEntry = (name: string, spec: ServiceEntrySpec, ns = 'default') =>
  res(NET, 'ServiceEntry', name, ns, spec);
export const meshConfig = (spec: MeshConfigSpec) =>
  res('shadowmesh.io/v1alpha1', 'MeshConfig', 'default', 'default', spec);
export const shadowPolicy = (name: string, spec: ShadowPolicySpec, ns = 'default') =>
  res('shadowmesh.io/v1alpha1', 'ShadowPolicy', name, ns, spec);

/** A Service selecting `app: <name>` (or `selector`) with the given ports. */
export function service(name: string, ports: number[], ns = 'default', selector?: Record<string, string>) {
  return res('v1', 'Service', name, ns, {
    selector: selector ?? { app: name },
    ports: ports.map((p) => ({ name: `http-${p}`, port: p })),
  });
}

let nextPort = 20000;
/** A workload endpoint with labels `app`/`version` at a fresh loopback address. */
export function workload(app: string, version: string, ns = 'default', extra: Record<string, string> = {}) {
  const port = nextPort++;
  const ep: WorkloadEndpoint = {
    proxyId: `${app}-${version}.${ns}-${port}`,
    workload: `${app}-${version}`,
    namespace: ns,
    labels: { app, version, ...extra },
    address: `127.0.0.1:${port}`,
  };
  return ep;
}

/** A two-version service `httpbin:8000` (v1, v2) with its DestinationRule. */
export function httpbinWorld(ns = 'default') {
  const endpoints = [workload('httpbin', 'v1', ns), workload('httpbin', 'v2', ns)];
  const resources: Resource[] = [
    service('httpbin', [8000], ns),
    dr('httpbin', { host: 'httpbin', subsets: [sub('v1'), sub('v2')] }, ns),
  ];
  return { endpoints, resources };
}

export const sub = (version: string) => ({ name: version, labels: { version } });

export function sidecar(
  resources: Resource[],
  endpoints: WorkloadEndpoint[],
  proxy: Partial<RouteTableInput['proxy']> = {},
  previous?: RouteTable,
): RouteTable {
  return compileRouteTable(
    {
      resources,
      endpoints,
      proxy: { kind: 'sidecar', namespace: 'default', labels: { app: 'sleep' }, ...proxy },
      version: 'test-1',
    },
    previous,
  );
}

/** A request; `authority` may carry a port, which also becomes `port` (else 80). */
export function req(
  authority: string,
  path = '/',
  extra: Partial<RequestAttributes> = {},
): RequestAttributes {
  const m = /:(\d+)$/.exec(authority);
  return {
    method: 'GET',
    scheme: 'http',
    authority,
    path,
    port: m ? Number(m[1]) : 80,
    headers: {},
    ...extra,
  };
}

/** Narrows a decision to `forward`, failing the test with the decision otherwise. */
export function fwd(d: RouteDecision): ForwardDecision {
  if (d.kind !== 'forward') throw new Error(`expected a forward decision, got ${JSON.stringify(d)}`);
  return d;
}
