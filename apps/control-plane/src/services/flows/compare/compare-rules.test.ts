import { describe, expect, it } from 'vitest';
import { CompareRuleError, compileCompareRules } from './compare-rules.js';

describe('compileCompareRules', () => {
  it('names the bad rule', () => {
    const bad = { ignoreHeaders: [], ignoreJsonPaths: ['$.ok', 'nope'] };
    expect(() => compileCompareRules(bad)).toThrow(CompareRuleError);
    expect(() => compileCompareRules(bad)).toThrow(/^ignoreJsonPaths\[1\]: "nope"/);
  });

  it('compiles once per rules object', () => {
    const rules = { ignoreHeaders: ['X-A'], ignoreJsonPaths: ['$.a'] };
    const compiled = compileCompareRules(rules);
    expect(compileCompareRules(rules)).toBe(compiled);
    expect(compiled.ignoresHeader('x-a')).toBe(true);
    expect(compiled.ignoresJsonPath(['a', 1])).toBe(true);
  });
});
