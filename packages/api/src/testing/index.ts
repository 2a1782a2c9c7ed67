// Test helpers other packages' fuzz targets share (`@shadowmesh/api/testing`; never imported by src/index.ts).
export { DEFAULT_FUZZ_SEED, fuzzParams, fuzzRuns, fuzzTimeout } from './fuzz-params.js';
export {
  damagedTutorialText,
  GATEWAY_API_EXAMPLE_TEXTS,
  GATEWAY_API_OBJECTS,
  HOSTILE_VALUES,
  mutatedManifestObject,
  mutatedTutorialObject,
  mutatedValue,
  TUTORIAL_OBJECTS,
  TUTORIAL_TEXTS,
  yamlishText,
} from './manifest-arbitraries.js';
export { fieldPathProblems, parsedProblems, validationProblems } from './manifest-invariants.js';
export { PROTOTYPE_KEYS, schemaArbitrary } from './schema-arbitrary.js';
export { undeclaredKeyPaths } from './schema-key-paths.js';
export { STORED_VIRTUAL_SERVICE } from './stored-resource.js';
