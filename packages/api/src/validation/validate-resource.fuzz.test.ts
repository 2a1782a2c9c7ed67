// Fuzz target (issue #12): validateResource on hostile objects — schema-shaped values of every kind with
// some nodes replaced, mutated tutorial objects, and arbitrary JSON. It never throws; a refusal names the
// field; what it accepts it accepts again unchanged. `FUZZ_RUNS=10000` raises the runs (`npm run fuzz`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiVersionsOf, KINDS } from '../resources/kinds.js';
import { RESOURCE_SCHEMAS } from '../resources/mesh-resource.js';
import { fuzzParams, fuzzTimeout } from '../testing/fuzz-params.js';
import { mutatedTutorialObject } from '../testing/manifest-arbitraries.js';
import { validationProblems } from '../testing/manifest-invariants.js';
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

/** A resource of a random kind, shaped by its schema; kind and apiVersion are usually right. */
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
      )
      .map(([value, metadata, apiVersion]) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { ...value, ...(metadata ? { metadata } : {}), kind: info.kind, apiVersion }
          : value,
      ),
  ),
);

function expectTotal(input: unknown): void {
  const result = validateResource(input);
  expect(validationProblems(result)).toEqual([]);
  if (result.ok) {
    // What is accepted is normalized: accepted again, unchanged.
    const again = validateResource(wire(result.resource));
    expect(again.ok && again.resource).toEqual(result.resource);
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
    'fuzz: mutated tutorial objects',
    () => {
      fc.assert(
        fc.property(mutatedTutorialObject, (value) => expectTotal(wire(value))),
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
