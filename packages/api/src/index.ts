export type { ApiErrorBody, ApiErrorDetails, FieldError } from './errors.js';
export { pointerToFieldPath } from './errors.js';
export type { IstioExport, IstioManifest, LeftOutObject } from './manifests/istio-manifest.js';
export {
  isShadowmeshKey,
  isShadowmeshOnlyKind,
  SERVER_METADATA_FIELDS,
  toIstioExport,
  toIstioManifest,
} from './manifests/istio-manifest.js';
export type {
  ManifestEntry,
  ManifestFieldError,
  ParsedManifest,
  ParseManifestsOptions,
  SkippedObject,
} from './manifests/parse-manifests.js';
export { parseManifests } from './manifests/parse-manifests.js';
export type { YamlDocumentsOptions } from './manifests/yaml-documents.js';
export { parseYamlDocuments } from './manifests/yaml-documents.js';
// Resource model: schemas (TypeBox = JSON Schema) and the TypeScript types derived from them.
export type { Destination, Percent, PortSelector } from './resources/destination.js';
export { DestinationSchema, PercentSchema, PortSelectorSchema } from './resources/destination.js';
export type {
  DestinationRule,
  DestinationRuleSpec,
  Subset,
  WorkloadSelector,
} from './resources/destination-rule.js';
export {
  DestinationRuleSchema,
  DestinationRuleSpecSchema,
  SubsetSchema,
} from './resources/destination-rule.js';
export { DurationError, DurationSchema, formatDuration, parseDuration } from './resources/duration.js';
export type { Gateway, GatewayPort, GatewaySpec, Server, ServerTLSSettings } from './resources/gateway.js';
export { GatewaySchema, GatewaySpecSchema, ServerSchema } from './resources/gateway.js';
export {
  formatGatewayDuration,
  GATEWAY_DURATION_PATTERN,
  parseGatewayDuration,
} from './resources/gateway-api/gateway-duration.js';
export { hostnamesIntersect } from './resources/gateway-api/hostnames.js';
export type {
  Fraction,
  HTTPHeader,
  HTTPHeaderFilter,
  HTTPPathModifier,
  HTTPRequestMirrorFilter,
  HTTPRequestRedirectFilter,
  HTTPRouteFilter,
  HTTPRouteFilterType,
  HTTPURLRewriteFilter,
} from './resources/gateway-api/http-route-filters.js';
export {
  HTTP_ROUTE_FILTER_TYPES,
  HTTPRouteFilterSchema,
} from './resources/gateway-api/http-route-filters.js';
export type {
  GatewayHTTPRoute,
  GatewayHTTPRouteSpec,
  HTTPBackendRef,
  HTTPPathMatch,
  HTTPRouteMatch,
  HTTPRouteRule,
  HTTPRouteTimeouts,
  HTTPValueMatch,
} from './resources/gateway-api/http-route-kind.js';
export {
  GatewayHTTPRouteSchema,
  GatewayHTTPRouteSpecSchema,
  HTTP_METHODS,
} from './resources/gateway-api/http-route-kind.js';
export type {
  AllowedRoutes,
  KubernetesGateway,
  KubernetesGatewaySpec,
  Listener,
} from './resources/gateway-api/kubernetes-gateway.js';
export {
  GATEWAY_NAME_LABEL,
  KUBERNETES_GATEWAY_MANIFEST_KIND,
  KubernetesGatewaySchema,
  KubernetesGatewaySpecSchema,
} from './resources/gateway-api/kubernetes-gateway.js';
export type {
  BackendObjectReference,
  GroupKind,
  ParentReference,
} from './resources/gateway-api/references.js';
export {
  BackendObjectReferenceSchema,
  backendGroupKind,
  GatewayDurationSchema,
  isGatewayRef,
  isServiceRef,
  ParentReferenceSchema,
  parentGroupKind,
} from './resources/gateway-api/references.js';
export type { ResolveHostOptions } from './resources/host.js';
export { CLUSTER_DOMAIN, hostMatches, resolveHost, serviceFqdn, splitServiceHost } from './resources/host.js';
export type { HTTPMatchRequest, StringMatch } from './resources/http-match.js';
export { HTTPMatchRequestSchema, StringMatchSchema } from './resources/http-match.js';
export type { CorsPolicy, HTTPFaultInjection, HTTPRetry } from './resources/http-policies.js';
export { CorsPolicySchema, HTTPFaultInjectionSchema, HTTPRetrySchema } from './resources/http-policies.js';
export type {
  Delegate,
  HeaderOperations,
  Headers,
  HTTPDirectResponse,
  HTTPMirrorPolicy,
  HTTPRedirect,
  HTTPRewrite,
  HTTPRoute,
  HTTPRouteDestination,
} from './resources/http-route.js';
export {
  HeaderOperationsSchema,
  HeadersSchema,
  HTTPDirectResponseSchema,
  HTTPMirrorPolicySchema,
  HTTPRedirectSchema,
  HTTPRewriteSchema,
  HTTPRouteDestinationSchema,
  HTTPRouteSchema,
} from './resources/http-route.js';
export type { KindInfo, MeshKind } from './resources/kinds.js';
export {
  apiVersionOf,
  apiVersionsOf,
  findKind,
  GATEWAY_API_GROUP,
  isMeshKind,
  isServedApiVersion,
  KINDS,
  kindByPlural,
  kindInfo,
  manifestMeshKind,
  NETWORKING_GROUP,
  preferredApiVersion,
  SHADOWMESH_GROUP,
} from './resources/kinds.js';
export type {
  MeshConfig,
  MeshConfigSpec,
  MirrorSettings,
  OutboundTrafficPolicy,
  ResolvedMeshConfigSpec,
} from './resources/mesh-config.js';
export {
  MESH_CONFIG_DEFAULTS,
  MESH_CONFIG_NAME,
  MESH_CONFIG_NAMESPACE,
  MeshConfigSchema,
  MeshConfigSpecSchema,
  resolveMeshConfig,
} from './resources/mesh-config.js';
export type { MeshResource, ResourceOfKind } from './resources/mesh-resource.js';
export {
  convertApiVersion,
  isKind,
  manifestForm,
  RESOURCE_SCHEMAS,
  resourceKey,
} from './resources/mesh-resource.js';
export type { ObjectMeta, Resource } from './resources/meta.js';
export { ObjectMetaSchema, StringMapSchema } from './resources/object-meta-schema.js';
export { isReservedHeader } from './resources/reserved-headers.js';
export type { PortProtocol, Service, ServicePort, ServiceSpec } from './resources/service.js';
export {
  ServicePortSchema,
  ServiceSchema,
  ServiceSpecSchema,
  servicePortProtocol,
} from './resources/service.js';
export type {
  ServiceEntry,
  ServiceEntryPort,
  ServiceEntrySpec,
  WorkloadEntry,
} from './resources/service-entry.js';
export { ServiceEntrySchema, ServiceEntrySpecSchema } from './resources/service-entry.js';
export type {
  Baseline,
  DivergenceRules,
  EffectiveShadowSettings,
  ShadowPolicy,
  ShadowPolicySpec,
} from './resources/shadow-policy.js';
export { applyShadowPolicy, ShadowPolicySchema, ShadowPolicySpecSchema } from './resources/shadow-policy.js';
export type {
  ClientTLSMode,
  ClientTLSSettings,
  ConnectionPoolSettings,
  LoadBalancerSettings,
  OutlierDetection,
  PortTrafficPolicy,
  SimpleLB,
  TrafficPolicy,
} from './resources/traffic-policy.js';
export {
  ClientTLSSettingsSchema,
  LoadBalancerSettingsSchema,
  OutlierDetectionSchema,
  TrafficPolicySchema,
  UNENFORCED_CONNECTION_POOL_FIELDS,
  unenforcedConnectionPoolFields,
} from './resources/traffic-policy.js';
export type {
  RouteDestination,
  TCPRoute,
  TLSRoute,
  VirtualService,
  VirtualServiceSpec,
} from './resources/virtual-service.js';
export { VirtualServiceSchema, VirtualServiceSpecSchema } from './resources/virtual-service.js';
export { analyze } from './validation/analysis/analyze.js';
export type { AnalysisWorkload } from './validation/analysis/mesh-index.js';
// Validation (schema + istiod webhook rules), manifest parsing, and cross-resource analysis.
export type { AnalysisCode, AnalysisCodeInfo, FindingLevel } from './validation/analysis-codes.js';
export { ANALYSIS_CODES, isAnalysisCode } from './validation/analysis-codes.js';
export type { Finding, FindingResource, Issue } from './validation/finding.js';
export type { IstioRegex } from './validation/istio-regex.js';
export { compileIstioRegex, MAX_REGEX_LENGTH, MAX_REGEX_PROGRAM_SIZE } from './validation/istio-regex.js';
export { MAX_NESTING_DEPTH, nestingTooDeep } from './validation/nesting-depth.js';
export { checkResourceRules } from './validation/resource-rules.js';
export { schemaErrors } from './validation/schema-errors.js';
export type { ValidateOptions, ValidationResult } from './validation/validate-resource.js';
export { validateResource } from './validation/validate-resource.js';
export type { VersionInfo } from './version.js';
export { PROXY_PROTOCOL_VERSION, SHADOWMESH_VERSION } from './version.js';
export { isUnspecifiedHost, reachableAddress, servingListener } from './wire/advertised-address.js';
export type {
  CapturedBody,
  CaptureReason,
  DivergenceField,
  DivergenceResponse,
  FlowComparison,
  FlowDestination,
  FlowDifference,
  FlowExchange,
  FlowExchangeSummary,
  FlowFilter,
  FlowListResponse,
  FlowPeer,
  FlowRecord,
  FlowRecordSummary,
  FlowsPayload,
  FlowType,
  IgnoredBecause,
  MirrorDivergence,
  TapSessionSpec,
  TapStreamMessage,
  TapSubscribe,
} from './wire/flows.js';
export {
  ALWAYS_REDACTED_HEADERS,
  CapturedBodySchema,
  FlowFilterSchema,
  FlowRecordSchema,
  FlowsPayloadSchema,
  REDACTED,
  TAP_DEFAULT_RATE,
  TAP_MAX_RATE,
  TapSubscribeSchema,
} from './wire/flows.js';
export type {
  EdgeTraffic,
  GraphEdge,
  GraphNode,
  GraphNodeKind,
  GraphResponse,
  GraphStreamMessage,
  GraphStreamSubscribe,
  GraphType,
  Health,
  MetricsPoint,
  MetricsResponse,
  ServiceBadges,
} from './wire/graph.js';
export type {
  ControlPlaneToProxy,
  ProxyConfigSnapshot,
  ProxyIdentity,
  ProxyKind,
  ProxyStatus,
  ProxySyncStatus,
  ProxyToControlPlane,
  WorkloadEndpoint,
} from './wire/proxy-protocol.js';
// REST response shapes of the control plane (`/api/v1/…`).
export type {
  AnalyzeResponse,
  ApplyAction,
  ApplyResult,
  ApplyResultItem,
  ClientKind,
  DemoInfo,
  DemoLoadStatus,
  HistoryResponse,
  LoginCodeResponse,
  ResourceList,
  RevisionOperation,
  RevisionRecord,
  RollbackResult,
  RollbackResultItem,
  SessionInfo,
  WorkloadInstance,
} from './wire/rest-api.js';
