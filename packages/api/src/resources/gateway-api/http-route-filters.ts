import { type Static, Type } from '@sinclair/typebox';
import { BackendObjectReferenceSchema } from './references.js';

/** `HTTPHeader`: a header name and value, as the header modifiers list them. */
export const HTTPHeaderSchema = Type.Object(
  { name: Type.String(), value: Type.String() },
  { title: 'HTTPHeader' },
);
export type HTTPHeader = Static<typeof HTTPHeaderSchema>;

/** `HTTPHeaderFilter`: `set` overwrites, `add` appends, `remove` deletes (names case-insensitive). */
export const HTTPHeaderFilterSchema = Type.Object(
  {
    set: Type.Optional(Type.Array(HTTPHeaderSchema)),
    add: Type.Optional(Type.Array(HTTPHeaderSchema)),
    remove: Type.Optional(Type.Array(Type.String())),
  },
  { title: 'HTTPHeaderFilter' },
);
export type HTTPHeaderFilter = Static<typeof HTTPHeaderFilterSchema>;

/** `Fraction`: numerator/denominator of requests (denominator defaults to 100). */
export const FractionSchema = Type.Object(
  { numerator: Type.Integer(), denominator: Type.Optional(Type.Integer()) },
  { title: 'Fraction' },
);
export type Fraction = Static<typeof FractionSchema>;

/** `HTTPRequestMirrorFilter`: copy requests to `backendRef`; `percent` or `fraction` (Gateway API 1.2), else all. */
export const HTTPRequestMirrorFilterSchema = Type.Object(
  {
    backendRef: BackendObjectReferenceSchema,
    percent: Type.Optional(Type.Integer()),
    fraction: Type.Optional(FractionSchema),
  },
  { title: 'HTTPRequestMirrorFilter' },
);
export type HTTPRequestMirrorFilter = Static<typeof HTTPRequestMirrorFilterSchema>;

const PathModifierType = Type.Union([Type.Literal('ReplaceFullPath'), Type.Literal('ReplacePrefixMatch')]);

/** `HTTPPathModifier`: replace the whole path, or the part the `PathPrefix` match matched. */
export const HTTPPathModifierSchema = Type.Object(
  {
    type: PathModifierType,
    replaceFullPath: Type.Optional(Type.String()),
    replacePrefixMatch: Type.Optional(Type.String()),
  },
  { title: 'HTTPPathModifier' },
);
export type HTTPPathModifier = Static<typeof HTTPPathModifierSchema>;

/** `HTTPRequestRedirectFilter`: a redirect answered by the proxy; `statusCode` defaults to 302. */
export const HTTPRequestRedirectFilterSchema = Type.Object(
  {
    scheme: Type.Optional(Type.Union([Type.Literal('http'), Type.Literal('https')])),
    hostname: Type.Optional(Type.String()),
    path: Type.Optional(HTTPPathModifierSchema),
    port: Type.Optional(Type.Integer()),
    statusCode: Type.Optional(Type.Integer()),
  },
  { title: 'HTTPRequestRedirectFilter' },
);
export type HTTPRequestRedirectFilter = Static<typeof HTTPRequestRedirectFilterSchema>;

/** `HTTPURLRewriteFilter`: rewrite the Host and/or path before forwarding. */
export const HTTPURLRewriteFilterSchema = Type.Object(
  { hostname: Type.Optional(Type.String()), path: Type.Optional(HTTPPathModifierSchema) },
  { title: 'HTTPURLRewriteFilter' },
);
export type HTTPURLRewriteFilter = Static<typeof HTTPURLRewriteFilterSchema>;

/** `LocalObjectReference` of an `ExtensionRef` filter (accepted by the schema, refused by the rules). */
export const LocalObjectReferenceSchema = Type.Object({
  group: Type.String(),
  kind: Type.String(),
  name: Type.String(),
});

export const HTTP_ROUTE_FILTER_TYPES = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'RequestRedirect',
  'URLRewrite',
  'ExtensionRef',
] as const;
export type HTTPRouteFilterType = (typeof HTTP_ROUTE_FILTER_TYPES)[number];

/** `HTTPRouteFilter`: `type` names which one of the other fields is set. */
export const HTTPRouteFilterSchema = Type.Object(
  {
    type: Type.Union(HTTP_ROUTE_FILTER_TYPES.map((t) => Type.Literal(t))),
    requestHeaderModifier: Type.Optional(HTTPHeaderFilterSchema),
    responseHeaderModifier: Type.Optional(HTTPHeaderFilterSchema),
    requestMirror: Type.Optional(HTTPRequestMirrorFilterSchema),
    requestRedirect: Type.Optional(HTTPRequestRedirectFilterSchema),
    urlRewrite: Type.Optional(HTTPURLRewriteFilterSchema),
    extensionRef: Type.Optional(LocalObjectReferenceSchema),
  },
  { title: 'HTTPRouteFilter' },
);
export type HTTPRouteFilter = Static<typeof HTTPRouteFilterSchema>;
