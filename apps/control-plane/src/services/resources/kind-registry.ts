// The control plane's view of the kind registry in @shadowmesh/api: storage versions and lookups.
import { apiVersionsOf, KINDS, type KindInfo, type MeshKind, preferredApiVersion } from '@shadowmesh/api';

/** Every apiVersion the API accepts and serves (for `/api/v1/version`). */
export function servedApiVersions(): string[] {
  const all = new Set<string>();
  for (const info of KINDS) for (const v of apiVersionsOf(info)) all.add(v);
  return [...all];
}

/** Objects are stored once, in their kind's preferred apiVersion, and converted when served. */
export function storageApiVersion(kind: MeshKind): string {
  return preferredApiVersion(kind);
}

export function kindsInOrder(): readonly KindInfo[] {
  return KINDS;
}
