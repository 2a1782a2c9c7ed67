// Values shaped by a TypeBox (JSON) schema, mostly valid and sometimes not: each node is, one time in
// `1 / mutationRate`, replaced by arbitrary JSON, and objects sometimes gain a key the schema lacks. The
// fuzz targets use it to reach deep into validation instead of failing at the first field.
import type { TSchema } from '@sinclair/typebox';
import fc from 'fast-check';

interface Shape {
  type?: string;
  properties?: Record<string, TSchema>;
  required?: string[];
  patternProperties?: Record<string, TSchema>;
  items?: TSchema;
  anyOf?: TSchema[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export interface SchemaArbitraryOptions {
  /** One node in this many is arbitrary JSON instead (default 12; 0: never). */
  mutationRate?: number;
  /** Schema levels followed before arbitrary JSON takes over (default 12). */
  maxDepth?: number;
}

/** Strings real manifests hold (names, hosts, protocols, versions), tried before arbitrary ones. */
const WORDS = [
  'httpbin',
  'v1',
  'v2',
  'a',
  'default',
  'reviews.default.svc.cluster.local',
  '*.example.com',
  'HTTP',
  'http',
  'TCP',
  'GRPC',
  'exact',
  '/api',
  'ROUND_ROBIN',
  '*',
  'Service',
  'Gateway',
  '/',
  'gateway.networking.k8s.io',
];

/** Keys that a hostile client adds to reach prototypes. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1, '', ' ', '\u0000', '1e309', 'null', true, []),
);

function exactly(
  schema: Shape,
  options: Required<SchemaArbitraryOptions>,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > options.maxDepth) return hostileJson;
  const next = (s: TSchema) => schemaArbitrary(s, options, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(next));
  switch (schema.type) {
    case 'string':
      return schema.pattern
        ? fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom('1s', '100ms', '2m', '1.5s', '10s', '1h') },
            { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) },
            { weight: 1, arbitrary: fc.string() },
          )
        : fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
            { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
          );
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 70_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.array(schema.items ? next(schema.items) : hostileJson, {
            minLength: 1,
            maxLength: 3,
          }),
        },
        { weight: 1, arbitrary: fc.constant([]) },
      );
    case 'object':
      return objectOf(schema, options, next);
    default:
      return hostileJson;
  }
}

function objectOf(
  schema: Shape,
  options: Required<SchemaArbitraryOptions>,
  next: (s: TSchema) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  if (schema.properties) {
    const props = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, next(s)]));
    const record = fc.record(props, { requiredKeys: schema.required ?? [], noNullPrototype: true });
    if (options.mutationRate === 0) return record;
    const extra = fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTOTYPE_KEYS)),
      hostileJson,
      {
        maxKeys: 2,
        noNullPrototype: true,
      },
    );
    const sometimes = fc.oneof(
      { weight: options.mutationRate, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: extra },
    );
    return fc.tuple(record, sometimes).map(([r, e]) => ({ ...r, ...e }));
  }
  const values = schema.patternProperties ? Object.values(schema.patternProperties)[0] : undefined;
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('app', 'version', 'x-user') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.dictionary(key, values ? next(values) : hostileJson, {
    maxKeys: 3,
    noNullPrototype: true,
  });
}

/** An arbitrary value for `schema` (see the file comment). */
export function schemaArbitrary(
  schema: TSchema,
  options: SchemaArbitraryOptions = {},
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = { mutationRate: options.mutationRate ?? 12, maxDepth: options.maxDepth ?? 12 };
  const exact = exactly(schema as Shape, resolved, depth);
  if (resolved.mutationRate === 0) return exact;
  return fc.oneof({ weight: resolved.mutationRate, arbitrary: exact }, { weight: 1, arbitrary: hostileJson });
}
