import type { HTTPRoute } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { effectiveWeights, withDestination, withoutDestination, withWeights } from './routeWeights';
import { v1, v2, v3 } from './testVirtualService';

describe('effectiveWeights', () => {
  it.each<[string, HTTPRoute, number[]]>([
    ['a lone destination gets 100', { route: [{ destination: v1 }] }, [100]],
    ['a lone destination ignores its weight', { route: [{ destination: v1, weight: 30 }] }, [100]],
    [
      'absent weights are 0 among several',
      { route: [{ destination: v1, weight: 70 }, { destination: v2 }] },
      [70, 0],
    ],
    ['no route', {}, []],
  ])('%s', (_name, route, want) => {
    expect(effectiveWeights(route)).toEqual(want);
  });
});

describe('withWeights', () => {
  it('writes only the weights that change and keeps other fields', () => {
    const route: HTTPRoute = {
      name: 'primary',
      timeout: '3s',
      route: [
        { destination: v1, weight: 50, headers: { request: { set: { x: '1' } } } },
        { destination: v2, weight: 50 },
        { destination: v3, weight: 0 },
      ],
    };
    const next = withWeights(route, [90, 10, 0]);
    expect(next).toEqual({
      name: 'primary',
      timeout: '3s',
      route: [
        { destination: v1, weight: 90, headers: { request: { set: { x: '1' } } } },
        { destination: v2, weight: 10 },
        { destination: v3, weight: 0 },
      ],
    });
    expect(next.route?.[2]).toBe(route.route?.[2]);
  });

  it('returns the same route when nothing changes', () => {
    const route: HTTPRoute = { route: [{ destination: v1 }] };
    expect(withWeights(route, [100])).toBe(route);
  });

  it('rejects a weight list of the wrong length', () => {
    expect(() => withWeights({ route: [{ destination: v1 }] }, [50, 50])).toThrow(RangeError);
  });
});

describe('withDestination / withoutDestination', () => {
  it('adds at weight 0 and pins a lone destination at an explicit 100', () => {
    expect(withDestination({ route: [{ destination: v1 }] }, v2)).toEqual({
      route: [
        { destination: v1, weight: 100 },
        { destination: v2, weight: 0 },
      ],
    });
  });

  it('does not add a destination twice', () => {
    const route: HTTPRoute = { route: [{ destination: v1 }] };
    expect(withDestination(route, { ...v1 })).toBe(route);
  });

  it('gives a removed weight to the others and drops the weight of a lone survivor', () => {
    const three: HTTPRoute = {
      route: [
        { destination: v1, weight: 50 },
        { destination: v2, weight: 30 },
        { destination: v3, weight: 20 },
      ],
    };
    expect(withoutDestination(three, 0).route?.map((d) => d.weight)).toEqual([60, 40]);
    expect(withoutDestination({ route: three.route?.slice(0, 2) ?? [] }, 1)).toEqual({
      route: [{ destination: v1 }],
    });
  });

  it('never removes the last destination', () => {
    const route: HTTPRoute = { route: [{ destination: v1 }] };
    expect(withoutDestination(route, 0)).toBe(route);
  });
});
