// How a kind is named to people: as it is written in manifests, with its API group where that name alone
// would be taken for another kind (a Gateway API Gateway is `Gateway (gateway.networking.k8s.io)`, so it
// is not confused with Istio's Gateway).
import { KINDS, type KindInfo } from '@shadowmesh/api';

export function kindLabel(info: KindInfo): string {
  return info.manifestKind === info.kind ? info.kind : `${info.manifestKind} (${info.group})`;
}

/** The label of a stored object's kind (`KubernetesGateway` → `Gateway (gateway.networking.k8s.io)`). */
export function kindLabelOf(kind: string): string {
  const info = KINDS.find((k) => k.kind === kind);
  return info ? kindLabel(info) : kind;
}
