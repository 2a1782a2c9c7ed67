// Public surface of @shadowmesh/routing: the pure routing engine.
export {
  formatAuthority,
  normaliseHost,
  type ParsedAuthority,
  parseAuthority,
  shadowAuthority,
} from './authority.js';
export { clusterName } from './cluster.js';
export { DEFAULT_CONNECTION_LIMITS } from './connection-limits.js';
export { translateGatewayApi } from './gateway-api/resource-set-translation.js';
export { SHADOW_HEADER } from './mirror-policy.js';
export { DEFAULT_RETRY_POLICY } from './retry-policy.js';
export { compileRouteTable } from './route-table.js';
export type {
  Cluster,
  ConnectionLimits,
  Endpoint,
  EndpointOutcome,
  FaultDecision,
  ForwardDecision,
  HeaderOps,
  MeshSettings,
  MirrorDecision,
  RandomSource,
  RequestAttributes,
  RetryPolicy,
  RouteDecision,
  RouteTable,
  RouteTableInput,
  ShadowSettings,
} from './types.js';
