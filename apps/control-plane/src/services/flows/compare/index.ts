// Flow comparison, noise learning and divergence aggregation (issue 7): the public surface used by
// the flows service. Pure: no I/O, no timers.
export { CompareRuleError, type CompareRules, compileCompareRules, NO_RULES } from './compare-rules.js';
export {
  type DivergenceFilter,
  DivergenceTracker,
  type DivergenceTrackerOptions,
} from './divergence-tracker.js';
export { flowShape, requestShape } from './request-shape.js';
export { ALWAYS_VOLATILE_HEADERS } from './volatile-headers.js';
