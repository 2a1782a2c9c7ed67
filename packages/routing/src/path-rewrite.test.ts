import { describe, expect, it } from 'vitest';
import { regexRewrite } from './path-rewrite.js';

const noError = (m: string) => {
  throw new Error(m);
};

describe('regexRewrite (Istio uriRegexRewrite → Envoy regex_rewrite)', () => {
  it.each<[string, string, string, string, string]>([
    [
      'groups by number',
      '^/service/([^/]+)(/.*)$',
      '\\2/instance/\\1',
      '/service/foo/v1/api',
      '/v1/api/instance/foo',
    ],
    ['every match is replaced', '/v[0-9]+/', '/', '/v1/a/v2/b', '/a/b'],
    ['the pattern is not anchored', 'old', 'new', '/x/old/y', '/x/new/y'],
    ['no match leaves the path', '^/api', '/v2', '/other', '/other'],
  ])('%s', (_name, match, rewrite, path, expected) => {
    expect(regexRewrite(match, rewrite, noError)?.(path, null)).toBe(expected);
  });

  it('a catastrophic pattern against / + 30 a + b completes and leaves the path', () => {
    const path = `/${'a'.repeat(30)}b`;
    expect(regexRewrite('(a+)+$', '/x', noError)?.(path, null)).toBe(path);
    expect(regexRewrite('(a|aa)+$', '/x', noError)?.(path, null)).toBe(path);
  }, 2_000);

  it.each<[string, string, string, RegExp]>([
    [
      'a backreference in match',
      '(a)\\1',
      '/',
      /rewrite\.uriRegexRewrite: regex "\(a\)\\1" is invalid: backreferences/,
    ],
    ['a group the match lacks', '/(a)', '/\\2', /rewrite\.uriRegexRewrite: substitution "\/\\2" uses \\2/],
  ])('reports %s and does not rewrite', (_name, match, rewrite, message) => {
    const errors: string[] = [];
    expect(regexRewrite(match, rewrite, (e) => errors.push(e))).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });
});
