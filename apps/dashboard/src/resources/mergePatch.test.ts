import { describe, expect, it } from 'vitest';
import { applyMergePatch, createMergePatch, preconditionedPatch } from './mergePatch';

describe('createMergePatch', () => {
  it('is undefined for equal values', () => {
    expect(createMergePatch({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeUndefined();
  });

  it('patches members, nulls removed ones, replaces arrays whole', () => {
    const before = {
      metadata: { name: 'x', labels: { a: '1' } },
      spec: { hosts: ['h'], http: [{ timeout: '1s' }] },
    };
    const after = { metadata: { name: 'x' }, spec: { hosts: ['h'], http: [{ timeout: '2s' }] } };
    expect(createMergePatch(before, after)).toEqual({
      metadata: { labels: null },
      spec: { http: [{ timeout: '2s' }] },
    });
  });

  it('round-trips through applyMergePatch', () => {
    const cases: Array<[unknown, unknown]> = [
      [{ a: { b: 1, c: 2 } }, { a: { b: 3 }, d: 'x' }],
      [{ a: [1, 2] }, { a: [2] }],
      [{ a: 1 }, { a: { nested: true } }],
      [{ a: { x: 1 } }, { a: 'scalar' }],
    ];
    for (const [before, after] of cases) {
      expect(applyMergePatch(before, createMergePatch(before, after))).toEqual(after);
    }
  });
});

describe('preconditionedPatch', () => {
  it('adds the base resourceVersion to the patch', () => {
    const base = { metadata: { name: 'a', resourceVersion: '4' }, spec: { x: 1 } };
    expect(
      preconditionedPatch(base, { metadata: { name: 'a', resourceVersion: '4' }, spec: { x: 2 } }),
    ).toEqual({
      spec: { x: 2 },
      metadata: { resourceVersion: '4' },
    });
    expect(preconditionedPatch(base, base)).toEqual({ metadata: { resourceVersion: '4' } });
  });
});
