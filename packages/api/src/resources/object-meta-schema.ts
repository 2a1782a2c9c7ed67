import { Type } from '@sinclair/typebox';

/** String → string maps: labels, annotations, selectors. */
export const StringMapSchema = Type.Record(Type.String(), Type.String());

/** JSON schema of `ObjectMeta` (see meta.ts for the TypeScript shape it validates). */
export const ObjectMetaSchema = Type.Object({
  name: Type.String({ description: 'a DNS-1123 name' }),
  namespace: Type.Optional(Type.String()),
  labels: Type.Optional(StringMapSchema),
  annotations: Type.Optional(StringMapSchema),
  resourceVersion: Type.Optional(Type.String()),
  generation: Type.Optional(Type.Integer()),
  creationTimestamp: Type.Optional(Type.String()),
  uid: Type.Optional(Type.String()),
});
