import { describe, expect, it } from 'vitest';
import { compileRe2, compileStringMatch } from './string-match.js';

describe('compileStringMatch (Istio StringMatch)', () => {
  const noError = (m: string) => {
    throw new Error(m);
  };
  it.each([
    ['exact matches the whole value', { exact: '/a' }, '/a', true],
    ['exact is case-sensitive', { exact: '/a' }, '/A', false],
    ['prefix', { prefix: '/api' }, '/api/v1', true],
    ['empty prefix matches everything', { prefix: '' }, '/x', true],
    ['regex is a full match, as Envoy safe_regex', { regex: '/catalog[0-9]+' }, '/catalog12', true],
    ['regex does not match a substring', { regex: 'catalog' }, '/catalog', false],
    ['RE2 (?i) flag', { regex: '(?i)^aaa$' }, 'AAA', true],
    ['RE2 named group (?P<n>)', { regex: '/u/(?P<id>[0-9]+)' }, '/u/42', true],
    ['{} is a presence match', {}, 'anything', true],
  ])('%s', (_name, match, value, expected) => {
    expect(compileStringMatch(match, noError).test(value)).toBe(expected);
  });

  it('ignoreUriCase lower-cases exact/prefix patterns (callers lower-case the input)', () => {
    const m = compileStringMatch({ prefix: '/API' }, noError, true);
    expect(m.pattern).toBe('/api');
    expect(m.test('/api/x')).toBe(true);
  });

  it('an invalid regex never matches and is reported, never thrown', () => {
    const errors: string[] = [];
    const m = compileStringMatch({ regex: '([' }, (e) => errors.push(e));
    expect(m.kind).toBe('never');
    expect(m.test('([')).toBe(false);
    expect(errors[0]).toContain('regex "(["');
  });

  it('RE2 (?U) has no JS equivalent and is refused', () => {
    expect(compileRe2('(?U)a+').ok).toBe(false);
  });
});
