import { type Static, Type } from '@sinclair/typebox';
import type { Resource } from '../meta.js';
import { resourceSchema } from '../resource-schema.js';
import { HTTPRouteFilterSchema } from './http-route-filters.js';
import { BackendObjectReferenceSchema, GatewayDurationSchema, ParentReferenceSchema } from './references.js';

export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;

const MatchType = Type.Union([Type.Literal('Exact'), Type.Literal('RegularExpression')]);

/** `HTTPPathMatch`: defaults to `PathPrefix /`. */
export const HTTPPathMatchSchema = Type.Object(
  {
    type: Type.Optional(
      Type.Union([Type.Literal('Exact'), Type.Literal('PathPrefix'), Type.Literal('RegularExpression')]),
    ),
    value: Type.Optional(Type.String()),
  },
  { title: 'HTTPPathMatch' },
);
export type HTTPPathMatch = Static<typeof HTTPPathMatchSchema>;

/** `HTTPHeaderMatch` / `HTTPQueryParamMatch`: `type` defaults to `Exact`. */
export const HTTPValueMatchSchema = Type.Object(
  { type: Type.Optional(MatchType), name: Type.String(), value: Type.String() },
  { title: 'HTTPHeaderMatch' },
);
export type HTTPValueMatch = Static<typeof HTTPValueMatchSchema>;

/** `HTTPRouteMatch`: every present condition must hold (AND); a rule's matches are alternatives (OR). */
export const HTTPRouteMatchSchema = Type.Object(
  {
    path: Type.Optional(HTTPPathMatchSchema),
    headers: Type.Optional(Type.Array(HTTPValueMatchSchema)),
    queryParams: Type.Optional(Type.Array(HTTPValueMatchSchema)),
    method: Type.Optional(Type.Union(HTTP_METHODS.map((m) => Type.Literal(m)))),
  },
  { title: 'HTTPRouteMatch' },
);
export type HTTPRouteMatch = Static<typeof HTTPRouteMatchSchema>;

/** `HTTPBackendRef`: a Service backend with a `weight` (default 1; 0 sends it nothing) and its own filters. */
export const HTTPBackendRefSchema = Type.Object(
  {
    ...BackendObjectReferenceSchema.properties,
    weight: Type.Optional(Type.Integer()),
    filters: Type.Optional(Type.Array(HTTPRouteFilterSchema)),
  },
  { title: 'HTTPBackendRef' },
);
export type HTTPBackendRef = Static<typeof HTTPBackendRefSchema>;

/** `HTTPRouteTimeouts`: `request` bounds the whole exchange, `backendRequest` each attempt. */
export const HTTPRouteTimeoutsSchema = Type.Object(
  { request: Type.Optional(GatewayDurationSchema), backendRequest: Type.Optional(GatewayDurationSchema) },
  { title: 'HTTPRouteTimeouts' },
);
export type HTTPRouteTimeouts = Static<typeof HTTPRouteTimeoutsSchema>;

/** `HTTPRouteRule`: matches (default `PathPrefix /`), filters, weighted backends, timeouts. */
export const HTTPRouteRuleSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    matches: Type.Optional(Type.Array(HTTPRouteMatchSchema)),
    filters: Type.Optional(Type.Array(HTTPRouteFilterSchema)),
    backendRefs: Type.Optional(Type.Array(HTTPBackendRefSchema)),
    timeouts: Type.Optional(HTTPRouteTimeoutsSchema),
  },
  { title: 'HTTPRouteRule' },
);
export type HTTPRouteRule = Static<typeof HTTPRouteRuleSchema>;

/** Gateway API `HTTPRoute` spec. */
export const GatewayHTTPRouteSpecSchema = Type.Object(
  {
    parentRefs: Type.Optional(Type.Array(ParentReferenceSchema)),
    hostnames: Type.Optional(Type.Array(Type.String())),
    rules: Type.Optional(Type.Array(HTTPRouteRuleSchema)),
  },
  { title: 'HTTPRoute spec' },
);
export type GatewayHTTPRouteSpec = Static<typeof GatewayHTTPRouteSpecSchema>;

export const GatewayHTTPRouteSchema = resourceSchema('HTTPRoute', GatewayHTTPRouteSpecSchema);
/** `gateway.networking.k8s.io/v1` HTTPRoute (the Istio VirtualService route type is `HTTPRoute` in http-route.ts). */
export type GatewayHTTPRoute = Resource<'HTTPRoute', GatewayHTTPRouteSpec>;
