import type { TSchema } from '@sinclair/typebox';
import { type DestinationRule, DestinationRuleSchema } from './destination-rule.js';
import { type Gateway, GatewaySchema } from './gateway.js';
import { type GatewayHTTPRoute, GatewayHTTPRouteSchema } from './gateway-api/http-route-kind.js';
import { type KubernetesGateway, KubernetesGatewaySchema } from './gateway-api/kubernetes-gateway.js';
import { isServedApiVersion, KINDS, kindInfo, type MeshKind } from './kinds.js';
import { type MeshConfig, MeshConfigSchema } from './mesh-config.js';
import { type Service, ServiceSchema } from './service.js';
import { type ServiceEntry, ServiceEntrySchema } from './service-entry.js';
import { type ShadowPolicy, ShadowPolicySchema } from './shadow-policy.js';
import { type VirtualService, VirtualServiceSchema } from './virtual-service.js';

/** Any resource the mesh manages, discriminated by `kind`. */
export type MeshResource =
  | VirtualService
  | DestinationRule
  | Gateway
  | ServiceEntry
  | Service
  | MeshConfig
  | ShadowPolicy
  | GatewayHTTPRoute
  | KubernetesGateway;

/** The resource type of one kind: `ResourceOfKind<'VirtualService'>` is `VirtualService`. */
export type ResourceOfKind<K extends MeshKind> = Extract<MeshResource, { kind: K }>;

/** The JSON schema of each kind's whole resource (for Fastify routes, the dashboard editor, validation). */
export const RESOURCE_SCHEMAS: Readonly<Record<MeshKind, TSchema>> = Object.freeze({
  VirtualService: VirtualServiceSchema,
  DestinationRule: DestinationRuleSchema,
  Gateway: GatewaySchema,
  ServiceEntry: ServiceEntrySchema,
  Service: ServiceSchema,
  MeshConfig: MeshConfigSchema,
  ShadowPolicy: ShadowPolicySchema,
  HTTPRoute: GatewayHTTPRouteSchema,
  KubernetesGateway: KubernetesGatewaySchema,
});

/** Narrows a resource by kind: `if (isKind(r, 'VirtualService')) r.spec.http`. */
export function isKind<K extends MeshKind>(resource: MeshResource, kind: K): resource is ResourceOfKind<K> {
  return resource.kind === kind;
}

/**
 * Returns a copy of `resource` with another served apiVersion. The networking.istio.io versions (v1alpha3,
 * v1beta1, v1) share one schema, so only `apiVersion` changes. Throws when the version is not served for the kind.
 */
export function convertApiVersion<R extends MeshResource>(resource: R, apiVersion: string): R {
  if (!isServedApiVersion(resource.kind, apiVersion)) {
    const info = kindInfo(resource.kind);
    const served = info.versions.map((v) => (info.group ? `${info.group}/${v}` : v)).join(', ');
    throw new Error(`apiVersion ${apiVersion} is not served for ${resource.kind}; served: ${served}`);
  }
  return { ...resource, apiVersion };
}

/** `namespace/name` of a resource (namespace defaults to `default`). */
export function resourceKey(resource: Pick<MeshResource, 'metadata'>): string {
  return `${resource.metadata.namespace ?? 'default'}/${resource.metadata.name}`;
}

/**
 * The resource as written in a manifest: the same object with `kind` spelled as users write it (a
 * `KubernetesGateway` is `kind: Gateway` of gateway.networking.k8s.io). For YAML and JSON shown to users.
 */
export function manifestForm<R extends { kind: string }>(resource: R): Omit<R, 'kind'> & { kind: string } {
  const info = KINDS.find((k) => k.kind === resource.kind);
  if (!info || info.manifestKind === resource.kind) return resource;
  return { ...resource, kind: info.manifestKind };
}
