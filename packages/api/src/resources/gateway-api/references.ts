import { type Static, Type } from '@sinclair/typebox';

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
  pattern: '^([0-9]{1,5}(h|m|s|ms)){1,4}$',
  description: 'a Gateway API duration such as "10s", "500ms" or "1h30m"',
});
