import { type Static, Type } from '@sinclair/typebox';
import { DestinationSchema, PercentSchema } from './destination.js';
import { DurationSchema } from './duration.js';
import { HTTPMatchRequestSchema } from './http-match.js';
import { CorsPolicySchema, HTTPFaultInjectionSchema, HTTPRetrySchema } from './http-policies.js';

/** Istio `HeaderOperations`: set overwrites, add appends, remove deletes. */
export const HeaderOperationsSchema = Type.Object(
  {
    set: Type.Optional(Type.Record(Type.String(), Type.String())),
    add: Type.Optional(Type.Record(Type.String(), Type.String())),
    remove: Type.Optional(Type.Array(Type.String())),
  },
  { title: 'HeaderOperations' },
);
export type HeaderOperations = Static<typeof HeaderOperationsSchema>;

/** Istio `Headers`: operations on the request (before forwarding) and on the response. */
export const HeadersSchema = Type.Object(
  {
    request: Type.Optional(HeaderOperationsSchema),
    response: Type.Optional(HeaderOperationsSchema),
  },
  { title: 'Headers' },
);
export type Headers = Static<typeof HeadersSchema>;

/** Istio `HTTPRouteDestination`: weight/(sum of weights) of the traffic; a lone destination gets all. */
export const HTTPRouteDestinationSchema = Type.Object(
  {
    destination: DestinationSchema,
    weight: Type.Optional(Type.Integer()),
    headers: Type.Optional(HeadersSchema),
  },
  { title: 'HTTPRouteDestination' },
);
export type HTTPRouteDestination = Static<typeof HTTPRouteDestinationSchema>;

/** Istio `HTTPMirrorPolicy` (one entry of `mirrors`): absent percentage ⇒ 100 %. */
export const HTTPMirrorPolicySchema = Type.Object(
  {
    destination: DestinationSchema,
    percentage: Type.Optional(PercentSchema),
  },
  { title: 'HTTPMirrorPolicy' },
);
export type HTTPMirrorPolicy = Static<typeof HTTPMirrorPolicySchema>;

export const RegexRewriteSchema = Type.Object({
  match: Type.Optional(Type.String()),
  rewrite: Type.Optional(Type.String()),
});

/** Istio `HTTPRewrite`: `uri` replaces the matched prefix (or the whole path for exact matches). */
export const HTTPRewriteSchema = Type.Object(
  {
    uri: Type.Optional(Type.String()),
    authority: Type.Optional(Type.String()),
    uriRegexRewrite: Type.Optional(RegexRewriteSchema),
  },
  { title: 'HTTPRewrite' },
);
export type HTTPRewrite = Static<typeof HTTPRewriteSchema>;

/** Istio `HTTPRedirect`: default code 301. */
export const HTTPRedirectSchema = Type.Object(
  {
    uri: Type.Optional(Type.String()),
    authority: Type.Optional(Type.String()),
    port: Type.Optional(Type.Integer()),
    derivePort: Type.Optional(
      Type.Union([Type.Literal('FROM_PROTOCOL_DEFAULT'), Type.Literal('FROM_REQUEST_PORT')]),
    ),
    scheme: Type.Optional(Type.String()),
    redirectCode: Type.Optional(Type.Integer()),
    prefixRewrite: Type.Optional(Type.String()),
  },
  { title: 'HTTPRedirect' },
);
export type HTTPRedirect = Static<typeof HTTPRedirectSchema>;

/** Istio `HTTPDirectResponse`: a fixed answer; `body.string` or `body.bytes` (base64). */
export const HTTPDirectResponseSchema = Type.Object({
  status: Type.Integer(),
  body: Type.Optional(
    Type.Object({ string: Type.Optional(Type.String()), bytes: Type.Optional(Type.String()) }),
  ),
});
export type HTTPDirectResponse = Static<typeof HTTPDirectResponseSchema>;

export const DelegateSchema = Type.Object({
  name: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
});
export type Delegate = Static<typeof DelegateSchema>;

/** Istio `HTTPRoute`: the first route whose match list matches wins. */
export const HTTPRouteSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    match: Type.Optional(Type.Array(HTTPMatchRequestSchema)),
    route: Type.Optional(Type.Array(HTTPRouteDestinationSchema)),
    redirect: Type.Optional(HTTPRedirectSchema),
    directResponse: Type.Optional(HTTPDirectResponseSchema),
    delegate: Type.Optional(DelegateSchema),
    rewrite: Type.Optional(HTTPRewriteSchema),
    timeout: Type.Optional(DurationSchema),
    retries: Type.Optional(HTTPRetrySchema),
    fault: Type.Optional(HTTPFaultInjectionSchema),
    mirror: Type.Optional(DestinationSchema),
    mirrors: Type.Optional(Type.Array(HTTPMirrorPolicySchema)),
    mirrorPercentage: Type.Optional(PercentSchema),
    /** Deprecated integer 0..100; use mirrorPercentage. */
    mirrorPercent: Type.Optional(Type.Integer()),
    corsPolicy: Type.Optional(CorsPolicySchema),
    headers: Type.Optional(HeadersSchema),
  },
  { title: 'HTTPRoute' },
);
export type HTTPRoute = Static<typeof HTTPRouteSchema>;
