import type { Resource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { alignKeys, yamlDiff } from './yaml-diff.js';

const vs = (spec: unknown, meta: Record<string, unknown> = {}): Resource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'httpbin', namespace: 'default', ...meta },
  spec,
});

describe('yamlDiff', () => {
  it('is empty when only server fields differ', () => {
    const live = vs({ hosts: ['httpbin'] }, { resourceVersion: '7', uid: 'u', generation: 2 });
    expect(yamlDiff('x', live, vs({ hosts: ['httpbin'] }))).toBe('');
  });

  it('shows a create as all added lines under ---/+++ headers', () => {
    const out = yamlDiff('default/vs/httpbin', null, vs({ hosts: ['httpbin'] }));
    expect(out.split('\n').slice(0, 3)).toEqual([
      '--- live/default/vs/httpbin',
      '+++ applied/default/vs/httpbin',
      '@@ -0,0 +1,8 @@',
    ]);
    expect(out).toContain('+kind: VirtualService\n');
  });

  it('shows only the changed lines, never a reordering', () => {
    const live = vs({ http: [{ route: [{ destination: { host: 'a' } }], timeout: '1s' }], hosts: ['a'] });
    const applied = vs({ hosts: ['a'], http: [{ timeout: '2s', route: [{ destination: { host: 'a' } }] }] });
    const changed = yamlDiff('x', live, applied)
      .split('\n')
      .filter((l) => /^[+-](?![+-])/.test(l));
    expect(changed).toEqual(['-  - timeout: 1s', '+  - timeout: 2s']);
  });
});

describe('alignKeys', () => {
  it('orders keys like the model at every level and keeps extra keys after', () => {
    const out = alignKeys(
      { b: 1, a: { y: 1, x: 2 }, z: [{ q: 1, p: 2 }] },
      { a: { x: 0, y: 0 }, b: 0, z: [{ p: 0 }] },
    );
    expect(JSON.stringify(out)).toBe('{"a":{"x":2,"y":1},"b":1,"z":[{"p":2,"q":1}]}');
  });
});
