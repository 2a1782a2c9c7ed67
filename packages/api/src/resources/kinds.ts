/** The kinds the mesh manages. */
export type MeshKind =
  | 'VirtualService'
  | 'DestinationRule'
  | 'Gateway'
  | 'ServiceEntry'
  | 'Service'
  | 'MeshConfig'
  | 'ShadowPolicy'
  | 'HTTPRoute'
  | 'KubernetesGateway';

/** One entry of the kind registry: what the CLI (`get vs`) and the REST paths resolve names with. */
export interface KindInfo {
  kind: MeshKind;
  /**
   * The `kind:` written in manifests. Equal to `kind` except for Gateway API's Gateway, which is written
   * `kind: Gateway` (its apiVersion tells it from Istio's) and is `KubernetesGateway` inside, as istiod names it.
   */
  manifestKind: string;
  /** REST path segment and CLI plural: `virtualservices`. */
  plural: string;
  singular: string;
  shortNames: readonly string[];
  /** API group; `''` for the Kubernetes core group (apiVersion `v1`). */
  group: string;
  /** Served versions, preferred first. */
  versions: readonly string[];
  preferredVersion: string;
  namespaced: boolean;
}

export const NETWORKING_GROUP = 'networking.istio.io';
export const SHADOWMESH_GROUP = 'shadowmesh.io';
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const NETWORKING_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'] as const;

function networking(kind: MeshKind, plural: string, short: string): KindInfo {
  return {
    kind,
    manifestKind: kind,
    plural,
    singular: kind.toLowerCase(),
    shortNames: [short],
    group: NETWORKING_GROUP,
    versions: NETWORKING_VERSIONS,
    preferredVersion: 'v1',
    namespaced: true,
  };
}

function shadowmesh(kind: MeshKind, plural: string, short: string): KindInfo {
  return {
    kind,
    manifestKind: kind,
    plural,
    singular: kind.toLowerCase(),
    shortNames: [short],
    group: SHADOWMESH_GROUP,
    versions: ['v1alpha1'],
    preferredVersion: 'v1alpha1',
    namespaced: true,
  };
}

/** Every managed kind, in the order `get all` and `apply` use (Services before the rules that name them). */
export const KINDS: readonly KindInfo[] = Object.freeze([
  {
    kind: 'Service',
    manifestKind: 'Service',
    plural: 'services',
    singular: 'service',
    shortNames: ['svc'],
    group: '',
    versions: ['v1'],
    preferredVersion: 'v1',
    namespaced: true,
  },
  networking('ServiceEntry', 'serviceentries', 'se'),
  networking('DestinationRule', 'destinationrules', 'dr'),
  networking('Gateway', 'gateways', 'gw'),
  networking('VirtualService', 'virtualservices', 'vs'),
  shadowmesh('MeshConfig', 'meshconfigs', 'mc'),
  shadowmesh('ShadowPolicy', 'shadowpolicies', 'sp'),
  // Gateway API (v1 preferred, v1beta1 served: the same schema, as the CRDs have it).
  {
    kind: 'KubernetesGateway',
    manifestKind: 'Gateway',
    plural: 'gateways.gateway.networking.k8s.io',
    singular: 'gateway.gateway.networking.k8s.io',
    shortNames: ['gtw'],
    group: GATEWAY_API_GROUP,
    versions: ['v1', 'v1beta1'],
    preferredVersion: 'v1',
    namespaced: true,
  },
  {
    kind: 'HTTPRoute',
    manifestKind: 'HTTPRoute',
    plural: 'httproutes',
    singular: 'httproute',
    shortNames: [],
    group: GATEWAY_API_GROUP,
    versions: ['v1', 'v1beta1'],
    preferredVersion: 'v1',
    namespaced: true,
  },
]);

/** `group/version`, or just `version` for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The kind's apiVersions, preferred first (`networking.istio.io/v1`, …/v1beta1, …/v1alpha3). */
export function apiVersionsOf(info: KindInfo): string[] {
  return info.versions.map((v) => apiVersionOf(info.group, v));
}

export function preferredApiVersion(kind: MeshKind): string {
  const info = kindInfo(kind);
  return apiVersionOf(info.group, info.preferredVersion);
}

/** Registry entry of a kind (exact kind name, as in `kind:`). */
export function kindInfo(kind: MeshKind): KindInfo {
  const info = KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`not a managed kind: ${kind}`);
  return info;
}

/** True when `kind` is exactly one of the managed kinds (case-sensitive, as Kubernetes is). */
export function isMeshKind(kind: unknown): kind is MeshKind {
  return typeof kind === 'string' && KINDS.some((k) => k.kind === kind);
}

/**
 * The managed kind a manifest's `kind` and `apiVersion` denote, or undefined: `Gateway` is Istio's under
 * networking.istio.io and `KubernetesGateway` under gateway.networking.k8s.io.
 */
export function manifestMeshKind(kind: string, apiVersion: string): MeshKind | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const byGroup = KINDS.find((k) => k.manifestKind === kind && k.group === group);
  if (byGroup) return byGroup.kind;
  return KINDS.find((k) => k.kind === kind)?.kind;
}

/** Resolves what a user types (`vs`, `VirtualService`, `virtualservices`, `svc`…), case-insensitively. */
export function findKind(name: string): KindInfo | undefined {
  const n = name.trim().toLowerCase();
  return KINDS.find(
    (k) => k.kind.toLowerCase() === n || k.plural === n || k.singular === n || k.shortNames.includes(n),
  );
}

/** Resolves a REST path segment (`virtualservices`); exact plural only. */
export function kindByPlural(plural: string): KindInfo | undefined {
  return KINDS.find((k) => k.plural === plural);
}

/** True when `apiVersion` is served for `kind` (e.g. `networking.istio.io/v1alpha3` for VirtualService). */
export function isServedApiVersion(kind: MeshKind, apiVersion: string): boolean {
  return apiVersionsOf(kindInfo(kind)).includes(apiVersion);
}
