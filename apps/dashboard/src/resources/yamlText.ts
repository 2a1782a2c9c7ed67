// Resources as YAML text: what the config view, the editor and every diff show. The YAML is in manifest
// form (a Gateway API Gateway says `kind: Gateway`, as `kubectl` would have it); storedForm maps it back.
import { type MeshResource, manifestForm, manifestMeshKind } from '@shadowmesh/api';
import { stringify } from 'yaml';
import { isJsonObject, type JsonObject } from './jsonValue';

/** Metadata the server sets; never shown in editable YAML (as `get -o yaml` leaves them out). */
export const SERVER_METADATA_FIELDS = ['resourceVersion', 'generation', 'creationTimestamp', 'uid'] as const;

/** A copy without server-set metadata and without `status`: the part of an object a user writes. */
export function withoutServerFields<T extends Pick<MeshResource, 'metadata'>>(resource: T): T {
  const copy: JsonObject = { ...(resource as unknown as JsonObject) };
  delete copy.status;
  if (isJsonObject(copy.metadata)) {
    const metadata = { ...copy.metadata };
    for (const field of SERVER_METADATA_FIELDS) delete metadata[field];
    copy.metadata = metadata;
  }
  return copy as unknown as T;
}

/**
 * An object as written (`kind: Gateway` with a gateway.networking.k8s.io apiVersion) with the kind the API
 * stores it under (`KubernetesGateway`); other objects are returned as they are.
 */
export function storedForm<T extends JsonObject>(object: T): T {
  const { kind, apiVersion } = object;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return object;
  const stored = manifestMeshKind(kind, apiVersion);
  return stored === undefined || stored === kind ? object : { ...object, kind: stored };
}

/**
 * YAML of a resource in the key order users write: apiVersion, kind (as manifests write it), metadata,
 * spec, then the rest.
 */
export function resourceYaml(resource: unknown, options: { serverFields?: boolean } = {}): string {
  if (!isJsonObject(resource)) return stringify(resource ?? null);
  const withoutServer = options.serverFields
    ? resource
    : (withoutServerFields(resource as unknown as MeshResource) as unknown as JsonObject);
  const kind = withoutServer.kind;
  const shown: JsonObject =
    typeof kind === 'string'
      ? { ...withoutServer, kind: manifestForm({ kind, apiVersion: withoutServer.apiVersion }).kind }
      : withoutServer;
  const ordered: JsonObject = {};
  for (const key of ['apiVersion', 'kind', 'metadata', 'spec']) if (key in shown) ordered[key] = shown[key];
  for (const [key, value] of Object.entries(shown)) if (!(key in ordered)) ordered[key] = value;
  return stringify(ordered, { lineWidth: 0 });
}
