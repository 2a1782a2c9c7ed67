// User ignore rules of a comparison (a ShadowPolicy's `divergence` block for the primary host),
// compiled once per rules object and cached by identity.
import {
  compileJsonPathRule,
  type JsonPathMatcher,
  JsonPathRuleError,
  type PathSegment,
} from './json-path.js';

export interface CompareRules {
  /** Response header names not compared (case-insensitive). */
  ignoreHeaders: readonly string[];
  /** JSON paths (`$.timestamp`, `$.items[*].id`): the field and everything under it is not compared. */
  ignoreJsonPaths: readonly string[];
}

export const NO_RULES: CompareRules = Object.freeze({ ignoreHeaders: [], ignoreJsonPaths: [] });

export interface CompiledRules {
  ignoresHeader(name: string): boolean;
  ignoresJsonPath(segments: readonly PathSegment[]): boolean;
}

/** Thrown for a rule that cannot be compiled; `field` names it (`ignoreJsonPaths[2]`). */
export class CompareRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'CompareRuleError';
  }
}

const cache = new WeakMap<CompareRules, CompiledRules>();

export function compileCompareRules(rules: CompareRules): CompiledRules {
  const cached = cache.get(rules);
  if (cached) return cached;
  const headers = new Set(rules.ignoreHeaders.map((h) => h.toLowerCase()));
  const matchers: JsonPathMatcher[] = rules.ignoreJsonPaths.map((rule, i) => {
    try {
      return compileJsonPathRule(rule);
    } catch (err) {
      if (err instanceof JsonPathRuleError) throw new CompareRuleError(`ignoreJsonPaths[${i}]`, err.message);
      throw err;
    }
  });
  const compiled: CompiledRules = {
    ignoresHeader: (name) => headers.has(name.toLowerCase()),
    ignoresJsonPath: (segments) => matchers.some((m) => m(segments)),
  };
  cache.set(rules, compiled);
  return compiled;
}
