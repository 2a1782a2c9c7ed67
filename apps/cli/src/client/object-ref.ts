// How kubectl names an object in its output: `virtualservice.networking.istio.io/httpbin`, `service/httpbin`.
import { findKind, isMeshKind, kindInfo } from '@shadowmesh/api';

/** `singular.group/name` for managed kinds (`service/name` for the core group), `Kind/name` otherwise. */
export function objectRef(kind: string, name: string): string {
  if (!isMeshKind(kind)) return `${kind}/${name}`;
  const info = kindInfo(kind);
  return info.group ? `${info.singular}.${info.group}/${name}` : `${info.singular}/${name}`;
}

/** `virtualservices.networking.istio.io`: kubectl's resource name in "not found" messages. */
export function resourceName(kindName: string): string {
  const info = findKind(kindName);
  if (!info) return kindName;
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
