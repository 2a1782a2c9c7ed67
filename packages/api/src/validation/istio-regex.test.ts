import { describe, expect, it } from 'vitest';
import { compileIstioRegex, MAX_REGEX_LENGTH, MAX_REGEX_PROGRAM_SIZE } from './istio-regex.js';
import { validateResource } from './validate-resource.js';

// 30 `a`s and a `b`: exponential for a backtracking engine on the patterns below, linear for RE2.
const POISON = `${'a'.repeat(30)}b`;

describe('compileIstioRegex: RE2 semantics, whole-value match (Envoy safe_regex)', () => {
  it.each<[string, string, string, boolean]>([
    ['a full match', '/catalog[0-9]+', '/catalog12', true],
    ['never a substring', 'catalog', '/catalog', false],
    ['never a prefix', '/u/[0-9]+', '/u/12/x', false],
    ['alternation inside the anchors', 'a|ab', 'ab', true],
    ['explicit ^ and $ are harmless', '^/api$', '/api', true],
    ['\\A and \\z are RE2 anchors', '\\A/api\\z', '/api', true],
    ['(?i) ignores case', '(?i)/API/.*', '/api/x', true],
    ['without (?i) case matters', '/API/.*', '/api/x', false],
    ['scoped (?i:…) flag', '(?i:/api)/X', '/API/X', true],
    ['flags after the start, as RE2 allows', '/api(?i)/X', '/api/x', true],
    ['. stops at a newline', 'a.c', 'a\nc', false],
    ['(?s) lets . match a newline', '(?s)a.c', 'a\nc', true],
    ['(?m) makes ^ and $ match at lines', '(?m)^a$\\n^b$', 'a\nb', true],
    ['(?U) ungreedy is accepted', '(?U)a+', 'aaa', true],
    ['(?P<name>…) capture', '/u/(?P<id>[0-9]+)', '/u/42', true],
    ['(?<name>…) capture', '/u/(?<id>[0-9]+)', '/u/x', false],
    ['Unicode classes', '\\p{Greek}+', 'αβγ', true],
    ['\\x{…} escapes', '\\x{41}', 'A', true],
    ['the empty pattern matches only the empty value', '', 'x', false],
  ])('%s: %s', (_name, pattern, value, expected) => {
    expect(compileIstioRegex(pattern).fullMatch(value)).toBe(expected);
  });

  // Only a per-test timeout bounds these: a backtracking engine spends seconds to minutes on each.
  it.each(['(a+)+$', '(a|aa)+$', '(.*a){20}', '(a*)*b?c', '(a|a?)+$'])(
    'catastrophic %s against 30 a + b completes and does not match',
    (pattern) => {
      expect(compileIstioRegex(pattern).fullMatch(POISON)).toBe(false);
    },
    2_000,
  );
});

describe('compileIstioRegex: what RE2 (and so Istio) refuses', () => {
  it.each<[string, string, RegExp]>([
    ['a backreference', '(a)\\1', /is invalid: backreferences \(\\1\) are not supported: RE2 has none/],
    ['a named backreference', '(?<n>a)\\k<n>', /backreferences \(\\k\) are not supported/],
    ['a lookahead', '/api(?=/v1)', /lookahead \(\(\?=\) is not supported: RE2 has no lookaround/],
    ['a negative lookahead', '(?!/admin).*', /lookahead \(\(\?!\) is not supported/],
    ['a lookbehind', '(?<=/api)/v1', /lookbehind \(\(\?<=\) is not supported/],
    ['a negative lookbehind', '(?<!x)y', /lookbehind \(\(\?<!\) is not supported/],
    ['a possessive quantifier', 'a++', /invalid nested repetition operator/],
    ['an unclosed class', '([', /^regex "\(\[" is invalid: missing closing \]/],
    ['a repeat over 1000', 'a{1001}', /invalid repeat count/],
    ['a JavaScript \\u escape', '\\u0041', /invalid escape sequence: `\\u`/],
  ])('%s: %s', (_name, pattern, message) => {
    expect(() => compileIstioRegex(pattern)).toThrow(message);
  });

  it(`refuses a pattern longer than ${MAX_REGEX_LENGTH} characters, as istiod`, () => {
    // `\pL` is 3 characters and one instruction, so this is long but a small program.
    const longest = `${'\\pL'.repeat(341)}a`;
    expect(longest).toHaveLength(MAX_REGEX_LENGTH);
    expect(() => compileIstioRegex(longest)).not.toThrow();
    expect(() => compileIstioRegex('a'.repeat(MAX_REGEX_LENGTH + 1))).toThrow(
      /too large \(1025 characters\), max length allowed is 1024/,
    );
  });

  it(`refuses a program larger than ${MAX_REGEX_PROGRAM_SIZE} (short pattern, large program)`, () => {
    expect(compileIstioRegex('.*.{1,490}').pattern).toBe('.*.{1,490}');
    expect(
      compileIstioRegex('[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}').fullMatch(
        '0b6f3a2c-1d4e-4f5a-9b8c-7d6e5f4a3b2c',
      ),
    ).toBe(true);
    // Accepted by istiod (32768) but 5 s of CPU for one 8 KiB path on re2js's NFA.
    expect(() => compileIstioRegex('.{1,1000}'.repeat(16))).toThrow(
      /too large: RE2 program size 31986, max allowed is 1000 \(large counted repetitions/,
    );
    expect(() => compileIstioRegex('a{999}'.repeat(33))).toThrow(/max allowed is 1000/);
  });
});

describe('IstioRegex.rewriter: Envoy regex_rewrite (RE2::GlobalReplace)', () => {
  const rewrite = (match: string, substitution: string, value: string) =>
    compileIstioRegex(match).rewriter(substitution)(value);

  it.each<[string, string, string, string, string]>([
    [
      'groups by number',
      '^/service/([^/]+)(/.*)$',
      '\\2/instance/\\1',
      '/service/foo/v1',
      '/v1/instance/foo',
    ],
    ['every match, unanchored', '/+', '/', '//a///b', '/a/b'],
    ['\\0 is the whole match', '[0-9]+', '<\\0>', '/u/42/7', '/u/<42>/<7>'],
    ['\\\\ is a backslash', 'x', '\\\\', 'axb', 'a\\b'],
    ['$ is literal text', '(a)', '$1$&', 'a', '$1$&'],
    ['a digit after a group is literal', '(a)', '\\10', 'a', 'a0'],
    ['an unmatched group inserts nothing', '(a)|(b)', '[\\1\\2]', 'ab', '[a][b]'],
    ['named groups are numbered', '/u/(?P<id>[0-9]+)', '/users/\\1', '/u/42', '/users/42'],
    ['(?i) applies', '(?i)/API', '/api', '/API/x', '/api/x'],
    ['no match leaves the value', '/v[0-9]+', '/', '/api', '/api'],
    ['no empty match right after a match (RE2, not JS)', 'a*', '-', 'baaac', '-b-c-'],
  ])('%s', (_name, match, substitution, value, expected) => {
    expect(rewrite(match, substitution, value)).toBe(expected);
  });

  it.each<[string, string, string, RegExp]>([
    ['a group the pattern lacks', '(a)', '\\2', /uses \\2 but the regex has 1 capture group\(s\)/],
    ['another escape', 'a', '\\n', /has an invalid escape \\n/],
    ['a trailing backslash', 'a', 'x\\', /ends with a lone \\/],
  ])('refuses a substitution with %s', (_name, match, substitution, message) => {
    expect(() => compileIstioRegex(match).rewriter(substitution)).toThrow(message);
  });

  it('a catastrophic pattern rewrites 30 a + b without stalling', () => {
    expect(rewrite('(a+)+$', '/x', `/${POISON}`)).toBe(`/${POISON}`);
  }, 2_000);
});

describe('validation reports regex problems at their field (istiod webhook)', () => {
  const vs = (http: unknown[]) => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'x' },
    spec: { hosts: ['reviews'], http },
  });
  const route = (extra: Record<string, unknown>) =>
    vs([{ route: [{ destination: { host: 'reviews' } }], ...extra }]);

  it.each<[string, unknown, string, RegExp]>([
    [
      'uri backreference',
      route({ match: [{ uri: { regex: '/(a)\\1' } }] }),
      'spec.http[0].match[0].uri.regex',
      /regex "\/\(a\)\\1" is invalid: backreferences/,
    ],
    [
      'header lookahead',
      route({ match: [{ headers: { 'x-v': { regex: '(?=v)v1' } } }] }),
      'spec.http[0].match[0].headers.x-v.regex',
      /lookahead/,
    ],
    [
      'query parameter lookbehind',
      route({ match: [{}, { queryParams: { id: { regex: '(?<=1)2' } } }] }),
      'spec.http[0].match[1].queryParams.id.regex',
      /lookbehind/,
    ],
    [
      'authority too long',
      route({ match: [{ authority: { regex: 'a'.repeat(1025) } }] }),
      'spec.http[0].match[0].authority.regex',
      /max length allowed is 1024/,
    ],
    [
      'uriRegexRewrite.match backreference',
      route({ rewrite: { uriRegexRewrite: { match: '(a)\\1', rewrite: '/' } } }),
      'spec.http[0].rewrite.uriRegexRewrite.match',
      /backreferences/,
    ],
    [
      'uriRegexRewrite.rewrite naming a group the pattern lacks',
      route({ rewrite: { uriRegexRewrite: { match: '^/v1/(.*)$', rewrite: '/v2/\\2' } } }),
      'spec.http[0].rewrite.uriRegexRewrite.rewrite',
      /uses \\2 but the regex has 1 capture group/,
    ],
  ])('rejects %s', (_name, obj, field, message) => {
    const result = validateResource(obj);
    const errors = result.ok ? [] : result.errors;
    const hit = errors.find((e) => e.field === field);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit?.message).toMatch(message);
  });

  it('accepts RE2 the old JS-based compiler refused: (?U), \\A…\\z, flags after the start', () => {
    const result = validateResource(
      route({
        match: [
          { uri: { regex: '(?U)/a.+' } },
          { uri: { regex: '\\A/api\\z' } },
          { headers: { 'x-v': { regex: 'v(?i)ABC' } } },
        ],
      }),
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it('accepts the catastrophic-for-backtracking (a+)+$: RE2 runs it in linear time', () => {
    expect(validateResource(route({ match: [{ uri: { regex: '/(a+)+$' } }] })).ok).toBe(true);
  });
});
