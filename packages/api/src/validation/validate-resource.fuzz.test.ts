// Fuzz target (issue #12): validateResource on hostile objects — schema-shaped values of every kind with
// some nodes replaced (the Gateway API kinds too, written as their manifests spell them), mutated tutorial
// objects and Gateway API examples, and arbitrary JSON. It never throws; a refusal names a field that is in
// the input (or a missing field of an object that is); what it accepts it accepts again unchanged, also in
// its manifest form. `FUZZ_RUNS=10000` raises the runs (`npm run fuzz`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiVersionsOf, KINDS } from '../resources/kinds.js';
import { manifestForm, RESOURCE_SCHEMAS } from '../resources/mesh-resource.js';
import { fuzzParams, fuzzTimeout } from '../testing/fuzz-params.js';
import { mutatedManifestObject } from '../testing/manifest-arbitraries.js';
import { fieldPathProblems, validationProblems } from '../testing/manifest-invariants.js';
import { schemaArbitrary } from '../testing/schema-arbitrary.js';
import { validateResource } from './validate-resource.js';

const RUNS = 300;

/** What JSON over the wire gives: no undefined, no -0, no NaN, own `__proto__` keys kept. */
function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

/** Names that pass, so that validation goes on into `spec` (a mutation may still break them). */
const validMetadata = fc.record(
  {
    name: fc.oneof(
      fc.constantFrom('httpbin', 'a', 'default', 'reviews-v1', 'x.y'),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/),
    ),
    namespace: fc.constantFrom('default', 'music', ''),
    labels: fc.dictionary(
      fc.constantFrom('app', 'version', 'a/b', 'x'),
      fc.constantFrom('v1', 'httpbin', ''),
    ),
  },
  { requiredKeys: ['name'], noNullPrototype: true },
);

/** A resource of a random kind, shaped by its schema; kind (as manifests write it) and apiVersion are usually right. */
const shapedResource = fc.oneof(
  ...KINDS.map((info) =>
    fc
      .tuple(
        schemaArbitrary(RESOURCE_SCHEMAS[info.kind], { mutationRate: 40 }),
        fc.oneof({ weight: 6, arbitrary: validMetadata }, { weight: 1, arbitrary: fc.constant(undefined) }),
        fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...apiVersionsOf(info)) },
          { weight: 1, arbitrary: fc.string() },
        ),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(info.manifestKind) },
          { weight: 1, arbitrary: fc.constant(info.kind) },
        ),
      )
      .map(([value, metadata, apiVersion, kind]) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { ...value, ...(metadata ? { metadata } : {}), kind, apiVersion }
          : value,
      ),
  ),
);

function expectTotal(input: unknown): void {
  const result = validateResource(input);
  expect(validationProblems(result)).toEqual([]);
  expect(fieldPathProblems(input, result)).toEqual([]);
  if (result.ok) {
    // What is accepted is normalized: accepted again, unchanged, also as its manifest is written.
    const again = validateResource(wire(result.resource));
    expect(again.ok && again.resource).toEqual(result.resource);
    const manifest = validateResource(wire(manifestForm(result.resource)));
    expect(manifest.ok && manifest.resource).toEqual(result.resource);
  }
}

describe('validateResource fuzz', () => {
  it(
    'fuzz: schema-shaped resources of every kind',
    () => {
      fc.assert(
        fc.property(shapedResource, (value) => expectTotal(wire(value))),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS, 2),
  );

  it(
    'fuzz: mutated tutorial objects and Gateway API examples',
    () => {
      fc.assert(
        fc.property(mutatedManifestObject, (value) => expectTotal(wire(value))),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS, 2),
  );

  it(
    'fuzz: arbitrary values',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => expectTotal(value)),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS, 1),
  );
});
