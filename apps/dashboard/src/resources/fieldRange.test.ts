import { describe, expect, it } from 'vitest';
import { fieldRange, offsetOf } from './fieldRange';

const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
    - httpbin
  http:
    - route:
        - destination:
            host: httpbin
            subset: v1
      mirror:
        host: httpbin
        subset: v2
      mirrorPercentage:
        value: 150
`;

const at = (field: string, document = 0) => {
  const range = fieldRange(text, field, document);
  return range ? text.slice(range.from, range.to) : null;
};

describe('fieldRange', () => {
  it('spans the key and value of a field', () => {
    expect(at('spec.http[0].mirrorPercentage.value')).toBe('value: 150');
    expect(at('spec.http[0].route[0].destination.subset')).toBe('subset: v1');
    expect(at('spec.hosts[0]')).toBe('httpbin');
  });

  it('falls back to the nearest ancestor that exists', () => {
    expect(at('spec.http[0].timeout')?.startsWith('route:')).toBe(true);
    expect(at('spec.tcp[0].route')).toMatch(/^spec:\n {2}hosts:/);
    expect(at('spec.gateways')).toMatch(/^spec:/);
  });

  it('points at the document start for paths outside it, and null for a missing document', () => {
    expect(fieldRange(text, 'nothing.here')).toEqual({ from: 0, to: 0 });
    expect(fieldRange(text, 'spec', 3)).toBeNull();
  });
});

describe('offsetOf', () => {
  it('turns line and column into an offset', () => {
    expect(offsetOf('ab\ncd\n', 2, 2)).toBe(4);
    expect(offsetOf('ab', 9)).toBe(2);
  });
});
