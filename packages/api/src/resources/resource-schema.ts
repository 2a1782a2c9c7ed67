import { type TSchema, Type } from '@sinclair/typebox';
import { ObjectMetaSchema } from './object-meta-schema.js';

/** The JSON schema of a whole resource of one kind: apiVersion, kind, metadata and the kind's spec. */
export function resourceSchema<K extends string, S extends TSchema>(kind: K, spec: S) {
  return Type.Object(
    {
      apiVersion: Type.String(),
      kind: Type.Literal(kind),
      metadata: ObjectMetaSchema,
      spec,
    },
    { title: kind },
  );
}
