import type { HTTPRoute } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { destinationLabel, readMirrors, withMirrors } from './routeMirrors';
import { v1, v2, v3 } from './testVirtualService';

describe('readMirrors', () => {
  it.each<[string, HTTPRoute, Array<{ destination: typeof v2; percentage: number }>]>([
    ['none', { route: [{ destination: v1 }] }, []],
    ['mirror without percentage is 100 %', { mirror: v2 }, [{ destination: v2, percentage: 100 }]],
    [
      'mirror with mirrorPercentage',
      { mirror: v2, mirrorPercentage: { value: 12.5 } },
      [{ destination: v2, percentage: 12.5 }],
    ],
    ['deprecated mirrorPercent', { mirror: v2, mirrorPercent: 30 }, [{ destination: v2, percentage: 30 }]],
    [
      'mirrorPercentage without value is 0',
      { mirror: v2, mirrorPercentage: {} },
      [{ destination: v2, percentage: 0 }],
    ],
    [
      'mirrors[]',
      { mirrors: [{ destination: v2 }, { destination: v3, percentage: { value: 5 } }] },
      [
        { destination: v2, percentage: 100 },
        { destination: v3, percentage: 5 },
      ],
    ],
  ])('%s', (_name, route, want) => {
    expect(readMirrors(route)).toEqual(want);
  });
});

describe('withMirrors', () => {
  const base: HTTPRoute = { name: 'r', route: [{ destination: v1 }], timeout: '2s' };

  it('writes one mirror as mirror + mirrorPercentage', () => {
    expect(withMirrors(base, [{ destination: v2, percentage: 100 }])).toEqual({
      ...base,
      mirror: v2,
      mirrorPercentage: { value: 100 },
    });
  });

  it('writes several as mirrors[]', () => {
    const next = withMirrors({ ...base, mirror: v2, mirrorPercentage: { value: 10 } }, [
      { destination: v2, percentage: 10 },
      { destination: v3, percentage: 50.25 },
    ]);
    expect(next).toEqual({
      ...base,
      mirrors: [
        { destination: v2, percentage: { value: 10 } },
        { destination: v3, percentage: { value: 50.25 } },
      ],
    });
  });

  it('removes every mirror field when none is left', () => {
    expect(withMirrors({ ...base, mirror: v2, mirrorPercent: 5 }, [])).toEqual(base);
  });

  it('keeps an untouched route as it is, even in the deprecated form', () => {
    const route: HTTPRoute = { ...base, mirror: v2, mirrorPercent: 30 };
    expect(withMirrors(route, [{ destination: v2, percentage: 30 }])).toBe(route);
  });

  it('replaces mirrorPercent by mirrorPercentage in place when the percentage changes', () => {
    const route: HTTPRoute = { mirror: v2, mirrorPercent: 30, route: [{ destination: v1 }] };
    const next = withMirrors(route, [{ destination: v2, percentage: 40 }]);
    expect(next).toEqual({ mirror: v2, route: [{ destination: v1 }], mirrorPercentage: { value: 40 } });
    expect(Object.keys(next)).toEqual(['mirror', 'route', 'mirrorPercentage']);
  });

  it('keeps a one-entry mirrors[] in that form', () => {
    const route: HTTPRoute = { ...base, mirrors: [{ destination: v2, percentage: { value: 10 } }] };
    expect(withMirrors(route, [{ destination: v2, percentage: 20 }]).mirrors).toEqual([
      { destination: v2, percentage: { value: 20 } },
    ]);
  });

  it('rounds to Istio resolution and keeps out-of-range values for the server to judge', () => {
    expect(withMirrors(base, [{ destination: v2, percentage: 0.1 + 0.2 }]).mirrorPercentage).toEqual({
      value: 0.3,
    });
    expect(withMirrors(base, [{ destination: v2, percentage: 150 }]).mirrorPercentage).toEqual({
      value: 150,
    });
  });
});

describe('destinationLabel', () => {
  it('names host and subset', () => {
    expect(destinationLabel(v2)).toBe('httpbin v2');
    expect(destinationLabel({ host: 'ratings' })).toBe('ratings');
  });
});
