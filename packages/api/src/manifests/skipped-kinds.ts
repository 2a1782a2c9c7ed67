import { GATEWAY_API_GROUP, NETWORKING_GROUP, SHADOWMESH_GROUP } from '../resources/kinds.js';

// Istio kinds of the groups we serve that Shadowmesh does not implement: skipped with a reason, not errors.
const UNIMPLEMENTED_ISTIO_KINDS = new Set([
  'Sidecar',
  'EnvoyFilter',
  'WorkloadEntry',
  'WorkloadGroup',
  'ProxyConfig',
]);

// Gateway API kinds Shadowmesh does not route (HTTPRoute and Gateway are managed): skipped with why.
const UNIMPLEMENTED_GATEWAY_API_KINDS: Readonly<Record<string, string>> = {
  GRPCRoute: 'gRPC routes are not implemented (route gRPC with an HTTPRoute or a VirtualService)',
  TCPRoute: 'only HTTP traffic is routed',
  TLSRoute: 'TLS is not terminated or routed by SNI',
  UDPRoute: 'only HTTP traffic is routed',
  GatewayClass: 'every gatewayClassName is served by `shadowmesh gateway` processes',
  ReferenceGrant: 'cross-namespace references are allowed without grants',
  BackendTLSPolicy: 'TLS to backends is not implemented',
  BackendLBPolicy: 'backend load-balancing policies are not implemented (use a DestinationRule)',
};

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Why an object with this kind/apiVersion is skipped rather than applied, or null when it is ours (and
 * therefore validated: a typo in a managed group's kind is an error, not silently skipped).
 */
export function skipReason(kind: string, apiVersion: string, managed: boolean): string | null {
  const group = groupOf(apiVersion);
  if (group === NETWORKING_GROUP || group === SHADOWMESH_GROUP) {
    if (!managed && UNIMPLEMENTED_ISTIO_KINDS.has(kind)) {
      return `${kind} (${apiVersion}) is an Istio kind Shadowmesh does not implement`;
    }
    return null;
  }
  if (group === GATEWAY_API_GROUP) {
    if (kind === 'HTTPRoute' || kind === 'Gateway' || kind === 'KubernetesGateway') return null;
    const why = UNIMPLEMENTED_GATEWAY_API_KINDS[kind];
    if (why) return `${kind} (${apiVersion}) is skipped: ${why}`;
    return `kind ${kind} (${apiVersion}) is not managed by Shadowmesh`;
  }
  if (group === '' && kind === 'Service') return null;
  if (managed) return `${kind} of ${apiVersion} is not the ${kind} Shadowmesh manages`;
  return `kind ${kind} (${apiVersion}) is not managed by Shadowmesh`;
}
