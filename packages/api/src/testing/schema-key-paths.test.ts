import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { RESOURCE_SCHEMAS } from '../resources/mesh-resource.js';
import { undeclaredKeyPaths } from './schema-key-paths.js';

describe('undeclaredKeyPaths', () => {
  it('names each key the schema does not declare, through arrays, records and unions', () => {
    const schema = Type.Object({
      a: Type.Array(Type.Object({ b: Type.String() })),
      m: Type.Record(Type.String(), Type.Object({ x: Type.Number() })),
      u: Type.Union([Type.Object({ p: Type.String() }), Type.Object({ q: Type.String() })]),
    });
    const value = { a: [{ b: 'ok' }, { c: 1 }], m: { k: { x: 1, y: 2 } }, u: { q: 'ok' }, z: 0 };
    expect(undeclaredKeyPaths(schema, value)).toEqual(['a[1].c', 'm.k.y', 'z']);
    expect(undeclaredKeyPaths(schema, { a: [{ b: 'x' }], u: { p: 'y' } })).toEqual([]);
  });

  it('catches a misspelt Istio field that the permissive VirtualService schema lets through', () => {
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'x' },
      spec: {
        hosts: ['x'],
        http: [{ route: [{ destination: { host: 'x' } }], mirrorPercentge: { value: 5 } }],
      },
    };
    expect(undeclaredKeyPaths(RESOURCE_SCHEMAS.VirtualService, vs)).toEqual(['spec.http[0].mirrorPercentge']);
  });
});
