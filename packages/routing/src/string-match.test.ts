import { describe, expect, it } from 'vitest';
import { compileStringMatch } from './string-match.js';

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
    ['RE2 alternation is inside the anchors', { regex: 'a|ab' }, 'ab', true],
    ['RE2 (?U) ungreedy is supported', { regex: '(?U)/a+' }, '/aaa', true],
    ['RE2 scoped flag (?i:…)', { regex: '(?i:/api)/x' }, '/API/x', true],
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

  it('a JavaScript-only backreference is reported and never matches', () => {
    const errors: string[] = [];
    const m = compileStringMatch({ regex: '(a)\\1' }, (e) => errors.push(e));
    expect(m.kind).toBe('never');
    expect(m.test('aa')).toBe(false);
    expect(errors[0]).toMatch(/backreferences \(\\1\) are not supported/);
  });

  // Compiled once, as the route table does; only the per-test timeout bounds the run (RE2 is linear).
  it.each(['(a+)+$', '(a|aa)+$', '(.*a){20}'])(
    'catastrophic regex %s against 30 a + b returns false without stalling',
    (regex) => {
      const m = compileStringMatch({ regex }, noError);
      expect(m.test(`${'a'.repeat(30)}b`)).toBe(false);
      expect(m.test('a'.repeat(30))).toBe(true);
    },
    2_000,
  );
});
