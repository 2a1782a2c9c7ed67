import { describe, expect, it } from 'vitest';
import { diffStats, diffText } from './yamlDiff';
import { resourceYaml } from './yamlText';

const vs = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'httpbin', namespace: 'default', resourceVersion: '7', generation: 2 },
  spec: { hosts: ['httpbin'], http: [{ route: [{ destination: { host: 'httpbin', subset: 'v1' } }] }] },
};

describe('resourceYaml', () => {
  it('orders keys as users write them and leaves server fields out', () => {
    const text = resourceYaml({
      spec: vs.spec,
      kind: vs.kind,
      metadata: vs.metadata,
      apiVersion: vs.apiVersion,
    });
    expect(text.split('\n').slice(0, 5)).toEqual([
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      '  name: httpbin',
      '  namespace: default',
    ]);
    expect(text).not.toContain('resourceVersion');
    expect(resourceYaml(vs, { serverFields: true })).toContain('resourceVersion: "7"');
  });
});

describe('diffText', () => {
  it('is empty for equal text', () => {
    expect(diffText('a: 1\n', 'a: 1\n')).toEqual([]);
  });

  it('numbers added, removed and context lines', () => {
    const after = structuredClone(vs) as typeof vs & { spec: { http: Array<Record<string, unknown>> } };
    after.spec.http[0]!.mirror = { host: 'httpbin', subset: 'v2' };
    const hunks = diffText(resourceYaml(vs), resourceYaml(after));
    expect(hunks).toHaveLength(1);
    const changed = hunks[0]!.lines.filter((l) => l.kind !== 'context');
    expect(changed).toEqual([
      { kind: 'add', text: '      mirror:', newLine: 14 },
      { kind: 'add', text: '        host: httpbin', newLine: 15 },
      { kind: 'add', text: '        subset: v2', newLine: 16 },
    ]);
    expect(diffStats(hunks)).toEqual({ added: 3, removed: 0 });
  });
});
