// Test helpers other packages' fuzz targets share (`@shadowmesh/api/testing`; never imported by src/index.ts).
export { DEFAULT_FUZZ_SEED, fuzzParams, fuzzRuns, fuzzTimeout } from './fuzz-params.js';
export {
  damagedTutorialText,
  HOSTILE_VALUES,
  mutatedTutorialObject,
  mutatedValue,
  TUTORIAL_OBJECTS,
  TUTORIAL_TEXTS,
  yamlishText,
} from './manifest-arbitraries.js';
export { parsedProblems, validationProblems } from './manifest-invariants.js';
export { PROTOTYPE_KEYS, schemaArbitrary } from './schema-arbitrary.js';
