import { describe, expect, it } from 'vitest';
import { validateResource } from './validate-resource.js';

const vs = (spec: unknown, metadata: Record<string, unknown> = { name: 'reviews' }) => ({
  apiVersion: 'networking.istio.io/v1alpha3',
  kind: 'VirtualService',
  metadata,
  spec,
});
const route = (extra: Record<string, unknown>) => vs({ hosts: ['reviews'], http: [{ ...extra }] });
const dest = (host = 'reviews', subset?: string) => ({ host, ...(subset ? { subset } : {}) });

function errorsOf(obj: unknown) {
  const r = validateResource(obj);
  return r.ok ? [] : r.errors;
}

describe('validateResource: kind, apiVersion, metadata, schema', () => {
  it('accepts a tutorial VirtualService and defaults the namespace', () => {
    const r = validateResource(route({ route: [{ destination: dest('reviews', 'v1'), weight: 100 }] }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.resource.metadata.namespace).toBe('default');
      expect(r.warnings).toEqual([]);
    }
  });

  it.each([
    [{ apiVersion: 'v1', metadata: { name: 'a' }, spec: {} }, 'kind', /required/],
    [{ ...vs({}), kind: 'VirtualSvc' }, 'kind', /not managed/],
    [{ ...vs({}), kind: 'virtualservice' }, 'kind', /did you mean "VirtualService"/],
    [
      { ...vs({}), apiVersion: 'networking.istio.io/v2' },
      'apiVersion',
      /not served for VirtualService.*v1alpha3/,
    ],
    [{ ...vs({}), apiVersion: undefined }, 'apiVersion', /required/],
    [{ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', spec: {} }, 'metadata', /required/],
    [
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'a' } },
      'spec',
      /required/,
    ],
    [vs({ http: [] }, { name: 'Bad_Name' }), 'metadata.name', /DNS-1123/],
    [vs({ http: [] }, {}), 'metadata.name', /required/],
    [vs({ http: [] }, { name: 'a', namespace: 'Foo' }), 'metadata.namespace', /DNS-1123 label/],
    [vs({ http: [] }, { name: 'a', labels: { app: 'has space' } }), 'metadata.labels.app', /label value/],
    ['not an object', '(root)', /must be an object/],
  ])('%#: reports %s', (obj, field, message) => {
    const errors = errorsOf(obj);
    expect(errors.map((e) => e.field)).toContain(field);
    expect(errors.find((e) => e.field === field)?.message).toMatch(message);
  });

  it('names the field of a type error', () => {
    const errors = errorsOf(
      route({ route: [{ destination: dest('a') }, { destination: dest('b'), weight: 'abc' }] }),
    );
    expect(errors).toEqual([
      { field: 'spec.http[0].route[1].weight', message: 'must be an integer (got "abc")' },
    ]);
  });

  it.each([
    [{ hosts: 'reviews', http: [] }, 'spec.hosts', /must be a list/],
    [{ http: [{ route: [{ destination: {} }] }] }, 'spec.http[0].route[0].destination.host', /is required/],
    [
      { http: [{ route: [{ destination: dest() }], timeout: '5x' }] },
      'spec.http[0].timeout',
      /duration such as/,
    ],
    [
      { http: [{ route: [{ destination: dest() }], mirrorPercentage: { value: '50' } }] },
      'spec.http[0].mirrorPercentage.value',
      /must be a number/,
    ],
  ])('%#: schema error at %s', (spec, field, message) => {
    const errors = errorsOf(vs(spec));
    expect(errors.find((e) => e.field === field)?.message).toMatch(message);
  });

  it('accepts unknown Istio fields we do not model', () => {
    const r = validateResource(
      route({
        route: [{ destination: dest() }],
        someFutureIstioField: { x: 1 },
        corsPolicy: { allowOrigins: [{ exact: 'a' }], unknown: 1 },
      }),
    );
    expect(r.ok).toBe(true);
  });

  it('drops status and other top-level fields', () => {
    const r = validateResource({ ...route({ route: [{ destination: dest() }] }), status: { x: 1 } });
    expect(r.ok && Object.keys(r.resource)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('does not mutate its input', () => {
    const input = route({ route: [{ destination: dest() }] });
    validateResource(input);
    expect(input.metadata).toEqual({ name: 'reviews' });
  });

  it('rejects unknown fields in Shadowmesh kinds', () => {
    const errors = errorsOf({
      apiVersion: 'shadowmesh.io/v1alpha1',
      kind: 'MeshConfig',
      metadata: { name: 'default' },
      spec: { mirror: { maxInflight: 3 }, flowSampling: 2 },
    });
    expect(errors).toEqual([
      { field: 'spec.mirror.maxInflight', message: 'is not a known field (did you mean "maxInFlight"?)' },
      { field: 'spec.flowSampling', message: 'must be at most 1 (got 2)' },
    ]);
  });

  it('rejects a bad enum with its choices', () => {
    const errors = errorsOf({
      apiVersion: 'shadowmesh.io/v1alpha1',
      kind: 'MeshConfig',
      metadata: { name: 'default' },
      spec: { outboundTrafficPolicy: { mode: 'DENY' } },
    });
    expect(errors[0]).toEqual({
      field: 'spec.outboundTrafficPolicy.mode',
      message: 'must be one of ALLOW_ANY, REGISTRY_ONLY (got "DENY")',
    });
  });
});
