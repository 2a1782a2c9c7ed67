import { describe, expect, it } from 'vitest';
import { CpError } from '../../errors.js';
import { matchesLabels, parseLabelSelector } from './label-selector.js';

const labels = { app: 'reviews', version: 'v2', 'example.com/tier': 'web' };

describe('label selectors', () => {
  it.each([
    ['app=reviews', true],
    ['app==reviews', true],
    ['app=ratings', false],
    ['app!=ratings', true],
    ['missing!=x', true],
    ['version in (v1, v2)', true],
    ['version notin (v2)', false],
    ['missing notin (v2)', true],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['example.com/tier=web,app=reviews', true],
    ['app=reviews,version in (v1,v3)', false],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it('names the field and the bad part', () => {
    try {
      parseLabelSelector('app=reviews,=x');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CpError);
      expect((error as CpError).details.field).toBe('query.labelSelector');
      expect((error as CpError).message).toContain('"=x"');
    }
  });
});
