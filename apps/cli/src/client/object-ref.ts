// How kubectl names an object in its output: `virtualservice.networking.istio.io/httpbin`, `service/httpbin`,
// `gateway.gateway.networking.k8s.io/gw`.
import { findKind, isMeshKind, kindInfo } from '@shadowmesh/api';

/** `word.group`, unless `word` already ends with the group (Gateway API's `gateways.gateway.networking.k8s.io`). */
function qualified(word: string, group: string): string {
  if (!group || word.endsWith(`.${group}`)) return word;
  return `${word}.${group}`;
}

/** `singular.group/name` for managed kinds (`service/name` for the core group), `Kind/name` otherwise. */
export function objectRef(kind: string, name: string): string {
  if (!isMeshKind(kind)) return `${kind}/${name}`;
  const info = kindInfo(kind);
  return `${qualified(info.singular, info.group)}/${name}`;
}

/** `virtualservices.networking.istio.io`: kubectl's resource name in "not found" messages. */
export function resourceName(kindName: string): string {
  const info = findKind(kindName);
  if (!info) return kindName;
  return qualified(info.plural, info.group);
}

/**
 * A kind as people write it, for findings and history: the manifest `kind`, qualified by its group
 * (`Gateway.gateway.networking.k8s.io`, as kubectl names CRD kinds) when it is another kind's name too.
 */
export function kindLabel(kind: string): string {
  if (!isMeshKind(kind)) return kind;
  const info = kindInfo(kind);
  return info.manifestKind === info.kind ? info.kind : `${info.manifestKind}.${info.group}`;
}
