import { describe, expect, it } from 'vitest';
import { matchesSelector, parseLabelSelector } from './label-selector.js';

describe('label selectors', () => {
  const labels = { app: 'httpbin', version: 'v1', 'example.com/tier': 'web' };
  const cases: Array<[string, boolean]> = [
    ['', true],
    ['app=httpbin', true],
    ['app==httpbin', true],
    ['app=other', false],
    ['app!=other', true],
    ['app!=httpbin', false],
    ['missing!=x', true],
    ['app=httpbin,version=v1', true],
    ['app=httpbin,version=v2', false],
    ['version in (v1,v2)', true],
    ['version in (v2, v3)', false],
    ['version notin (v2,v3)', true],
    ['version notin (v1)', false],
    ['example.com/tier', true],
    ['canary', false],
    ['!canary', true],
    ['!app', false],
    ['app=httpbin, version in (v1,v2), !canary', true],
  ];
  it.each(cases)('%j matches: %s', (selector, expected) => {
    expect(matchesSelector(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it('matches objects without labels only against negative requirements', () => {
    expect(matchesSelector(parseLabelSelector('!canary'), undefined)).toBe(true);
    expect(matchesSelector(parseLabelSelector('app=x'), undefined)).toBe(false);
  });

  it('names the term it cannot parse', () => {
    expect(() => parseLabelSelector('app=httpbin,=v1')).toThrow(/"=v1"/);
    expect(() => parseLabelSelector('app in v1')).toThrow(/cannot parse "app in v1"/);
    expect(() => parseLabelSelector('app=has space')).toThrow(/label selector/);
  });
});
