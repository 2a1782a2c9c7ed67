import { describe, expect, it } from 'vitest';
import type { ServiceSummary } from '../services/serviceIndex';
import { defaultMirrorTarget, mirrorTargets, subsetsNotRouted, targetOptionOf } from './mirrorTargets';
import { v1, v2 } from './testVirtualService';

const summary = (name: string, namespace: string, subsets: string[]): ServiceSummary => ({
  name,
  namespace,
  fqdn: `${name}.${namespace}.svc.cluster.local`,
  service: null,
  virtualServices: [],
  httpRoutes: [],
  destinationRules: [],
  subsets,
  hasMirror: false,
  hasWeights: false,
});

const httpbin = summary('httpbin', 'default', ['v1', 'v2', 'v3']);
const ratings = summary('ratings', 'shop', ['v1']);

describe('mirrorTargets', () => {
  it('labels and hosts services as seen from the namespace', () => {
    expect(mirrorTargets([httpbin, ratings], 'default')).toEqual([
      { fqdn: httpbin.fqdn, label: 'httpbin', host: 'httpbin', subsets: ['v1', 'v2', 'v3'] },
      { fqdn: ratings.fqdn, label: 'ratings.shop', host: 'ratings.shop.svc.cluster.local', subsets: ['v1'] },
    ]);
  });

  it('finds the option of a written host', () => {
    const targets = mirrorTargets([httpbin, ratings], 'default');
    expect(targetOptionOf(targets, { host: 'ratings.shop' }, 'default')?.label).toBe('ratings.shop');
    expect(targetOptionOf(targets, { host: 'example.com' }, 'default')).toBeUndefined();
  });
});

describe('defaultMirrorTarget', () => {
  it('picks the first subset that gets no traffic and is not mirrored', () => {
    expect(defaultMirrorTarget({ route: [{ destination: v1 }] }, httpbin, 'default')).toEqual(v2);
    expect(
      defaultMirrorTarget(
        {
          route: [
            { destination: v1, weight: 100 },
            { destination: v2, weight: 0 },
          ],
          mirror: v2,
        },
        httpbin,
        'default',
      ),
    ).toEqual({ host: 'httpbin', subset: 'v3' });
  });

  it('falls back to the first subset, then to the bare host', () => {
    expect(
      defaultMirrorTarget({ route: [{ destination: v1 }] }, summary('httpbin', 'default', ['v1']), 'default'),
    ).toEqual(v1);
    expect(
      defaultMirrorTarget({ route: [{ destination: v1 }] }, summary('httpbin', 'default', []), 'default'),
    ).toEqual({
      host: 'httpbin',
    });
  });
});

describe('subsetsNotRouted', () => {
  it('lists the subsets the route does not send to', () => {
    expect(subsetsNotRouted({ route: [{ destination: v1 }] }, httpbin, 'default')).toEqual(['v2', 'v3']);
    expect(
      subsetsNotRouted(
        { route: [{ destination: { host: 'httpbin.default.svc.cluster.local', subset: 'v3' } }] },
        httpbin,
        'default',
      ),
    ).toEqual(['v1', 'v2']);
  });
});
