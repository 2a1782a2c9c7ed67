// What a stored object looks like as a manifest for a real Istio cluster: only what the user owns.

import { KINDS, SHADOWMESH_GROUP } from '../resources/kinds.js';
import { manifestForm } from '../resources/mesh-resource.js';

/**
 * Metadata the server sets. `kubectl apply` of an object carrying them fails (a stale resourceVersion is a
 * conflict, a foreign uid is rejected) or misbehaves, so they never leave the mesh.
 */
export const SERVER_METADATA_FIELDS: readonly string[] = [
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];

/** A manifest as users write it: apiVersion, kind, metadata (name, namespace, labels, annotations), spec. */
export interface IstioManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: unknown;
}

/** `shadowmesh.io/x` and `*.shadowmesh.io/x` keys are Shadowmesh's own and mean nothing to Istio. */
export function isShadowmeshKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const prefix = key.slice(0, slash);
  return prefix === SHADOWMESH_GROUP || prefix.endsWith(`.${SHADOWMESH_GROUP}`);
}

function userMap(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const kept = Object.entries(value as Record<string, string>).filter(([k]) => !isShadowmeshKey(k));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/**
 * The object as a user would write it, so it applies unchanged (here, or with kubectl to Istio): server fields
 * (resourceVersion, generation, uid, creationTimestamp, managedFields…) and `status` are dropped, and so are
 * `shadowmesh.io/` labels and annotations; empty maps are left out. Keys come in the order people write
 * them, and the kind is the manifest's (`KubernetesGateway` is `kind: Gateway`). The input is not changed.
 */
export function toIstioManifest(resource: unknown): IstioManifest {
  const r = (resource ?? {}) as Record<string, unknown>;
  const meta = (r.metadata ?? {}) as Record<string, unknown>;
  const metadata: IstioManifest['metadata'] = { name: String(meta.name ?? '') };
  if (typeof meta.namespace === 'string') metadata.namespace = meta.namespace;
  const labels = userMap(meta.labels);
  if (labels) metadata.labels = labels;
  const annotations = userMap(meta.annotations);
  if (annotations) metadata.annotations = annotations;
  const out: IstioManifest = {
    apiVersion: String(r.apiVersion ?? ''),
    kind: manifestForm({ kind: String(r.kind ?? '') }).kind,
    metadata,
  };
  if (r.spec !== undefined) out.spec = JSON.parse(JSON.stringify(r.spec)); // specs are JSON; the package has no structuredClone (no DOM, no node types)
  return out;
}

/** True for kinds only Shadowmesh knows (the shadowmesh.io group: MeshConfig, ShadowPolicy). */
export function isShadowmeshOnlyKind(kind: string): boolean {
  return KINDS.some((k) => k.kind === kind && k.group === SHADOWMESH_GROUP);
}

/** An object `export` leaves out, and why. */
export interface LeftOutObject {
  kind: string;
  namespace: string;
  name: string;
  reason: string;
}

export interface IstioExport {
  /** Istio, Gateway API and Kubernetes objects, cleaned by toIstioManifest, in input order. */
  manifests: IstioManifest[];
  leftOut: LeftOutObject[];
}

const SHADOWMESH_ONLY_REASON =
  'a Shadowmesh-only kind (shadowmesh.io); Istio has no such resource (mesh-wide settings live in its MeshConfig ConfigMap)';

/** Splits stored objects into what applies to an Istio cluster and what only Shadowmesh understands. */
export function toIstioExport(resources: readonly unknown[]): IstioExport {
  const manifests: IstioManifest[] = [];
  const leftOut: LeftOutObject[] = [];
  for (const resource of resources) {
    const r = resource as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    const kind = String(r.kind ?? '');
    if (isShadowmeshOnlyKind(kind)) {
      leftOut.push({
        kind,
        namespace: String(r.metadata?.namespace ?? 'default'),
        name: String(r.metadata?.name ?? ''),
        reason: SHADOWMESH_ONLY_REASON,
      });
    } else {
      manifests.push(toIstioManifest(resource));
    }
  }
  return { manifests, leftOut };
}
