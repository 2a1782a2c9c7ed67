import { type Static, Type } from '@sinclair/typebox';
import { GATEWAY_API_GROUP } from '../kinds.js';
import { GATEWAY_DURATION_PATTERN } from './gateway-duration.js';

/**
 * `ParentReference`: the Service (GAMMA, the mesh case: `group: ""`, `kind: Service`) or Gateway (ingress; the
 * default `group`/`kind`) a route attaches to. `sectionName` names a Gateway listener, `port` narrows either.
 */
export const ParentReferenceSchema = Type.Object(
  {
    group: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    namespace: Type.Optional(Type.String()),
    name: Type.String(),
    sectionName: Type.Optional(Type.String()),
    port: Type.Optional(Type.Integer()),
  },
  { title: 'ParentReference' },
);
export type ParentReference = Static<typeof ParentReferenceSchema>;

/** `BackendObjectReference`: a Service (the default `group: ""`, `kind: Service`) and its port. */
export const BackendObjectReferenceSchema = Type.Object(
  {
    group: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    name: Type.String(),
    namespace: Type.Optional(Type.String()),
    port: Type.Optional(Type.Integer()),
  },
  { title: 'BackendObjectReference' },
);
export type BackendObjectReference = Static<typeof BackendObjectReferenceSchema>;

/**
 * A Gateway API duration (GEP-2257): one to four `<number><unit>` parts, units `h`, `m`, `s`, `ms`, no
 * fractions (`10s`, `1h30m`, `500ms`). Narrower than Istio's Go durations, as the CRD is.
 */
export const GatewayDurationSchema = Type.String({
  pattern: GATEWAY_DURATION_PATTERN,
  description: 'a Gateway API duration such as "10s", "500ms" or "1h30m"',
});

/** A reference's group and kind with the CRD defaults applied. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** A parentRef's group and kind: `gateway.networking.k8s.io` and `Gateway` unless written. */
export function parentGroupKind(ref: Pick<ParentReference, 'group' | 'kind'>): GroupKind {
  return { group: ref.group ?? GATEWAY_API_GROUP, kind: ref.kind ?? 'Gateway' };
}

/** A backendRef's group and kind: the core group (`""`) and `Service` unless written. */
export function backendGroupKind(ref: Pick<BackendObjectReference, 'group' | 'kind'>): GroupKind {
  return { group: ref.group ?? '', kind: ref.kind ?? 'Service' };
}

/** True for a reference to a Kubernetes Service (core group, kind Service). */
export function isServiceRef(gk: GroupKind): boolean {
  return gk.group === '' && gk.kind === 'Service';
}

/** True for a reference to a Gateway API Gateway. */
export function isGatewayRef(gk: GroupKind): boolean {
  return gk.group === GATEWAY_API_GROUP && gk.kind === 'Gateway';
}
