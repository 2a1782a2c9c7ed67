import { type Static, Type } from '@sinclair/typebox';
import { StringMapSchema } from './object-meta-schema.js';

/** Istio `StringMatch`: one of exact, prefix or regex (RE2, full match). `{}` in headers/queryParams = presence. */
export const StringMatchSchema = Type.Object(
  {
    exact: Type.Optional(Type.String()),
    prefix: Type.Optional(Type.String()),
    regex: Type.Optional(Type.String()),
  },
  { title: 'StringMatch' },
);
export type StringMatch = Static<typeof StringMatchSchema>;

const StringMatchMap = Type.Record(Type.String(), StringMatchSchema);

/** Istio `HTTPMatchRequest`: conditions inside one block are ANDed; the list in a route is ORed. */
export const HTTPMatchRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    uri: Type.Optional(StringMatchSchema),
    scheme: Type.Optional(StringMatchSchema),
    method: Type.Optional(StringMatchSchema),
    authority: Type.Optional(StringMatchSchema),
    headers: Type.Optional(StringMatchMap),
    withoutHeaders: Type.Optional(StringMatchMap),
    queryParams: Type.Optional(StringMatchMap),
    port: Type.Optional(Type.Integer()),
    sourceLabels: Type.Optional(StringMapSchema),
    sourceNamespace: Type.Optional(Type.String()),
    gateways: Type.Optional(Type.Array(Type.String())),
    ignoreUriCase: Type.Optional(Type.Boolean()),
    statPrefix: Type.Optional(Type.String()),
  },
  { title: 'HTTPMatchRequest' },
);
export type HTTPMatchRequest = Static<typeof HTTPMatchRequestSchema>;
