// Fuzz target (issue #12): parseManifests on hostile text — YAML-ish token soup, damaged tutorials, and
// mutated tutorial objects and Gateway API examples as YAML and JSON. Parsing is total (errors are data),
// every error names its field, document, line and column, and a single document is judged as
// validateResource judges it.
// `FUZZ_RUNS=10000` raises the runs (`npm run fuzz`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fuzzParams, fuzzTimeout } from '../testing/fuzz-params.js';
import { damagedTutorialText, mutatedManifestObject, yamlishText } from '../testing/manifest-arbitraries.js';
import { parsedProblems } from '../testing/manifest-invariants.js';
import { validateResource } from '../validation/validate-resource.js';
import { parseManifests } from './parse-manifests.js';

const RUNS = 150;

function expectTotal(text: string): void {
  expect(parsedProblems(parseManifests(text))).toEqual([]);
}

describe('parseManifests fuzz', () => {
  it(
    'fuzz: YAML-ish text',
    () => {
      fc.assert(
        fc.property(fc.oneof(yamlishText, fc.string({ unit: 'binary' })), expectTotal),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS, 2),
  );

  it(
    'fuzz: damaged tutorial text',
    () => {
      fc.assert(fc.property(damagedTutorialText, expectTotal), fuzzParams(RUNS));
    },
    fuzzTimeout(RUNS, 5),
  );

  it(
    'fuzz: mutated tutorial objects and Gateway API examples as JSON and YAML agree with validateResource',
    () => {
      fc.assert(
        fc.property(mutatedManifestObject, fc.boolean(), (value, asJson) => {
          const text = asJson ? JSON.stringify(value) : stringify(value);
          const parsed = parseManifests(text);
          expect(parsedProblems(parsed)).toEqual([]);
          const entry = parsed.entries[0];
          if (parsed.entries.length !== 1 || entry === undefined || entry.item !== undefined) return;
          const direct = validateResource(JSON.parse(JSON.stringify(value)));
          if (entry.status === 'resource') expect(direct.ok).toBe(true);
          if (entry.status === 'error' && !direct.ok && entry.errors[0]?.field !== '(yaml)') {
            expect(entry.errors.map((e) => e.field)).toEqual(direct.errors.map((e) => e.field));
          }
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS, 5),
  );
});
