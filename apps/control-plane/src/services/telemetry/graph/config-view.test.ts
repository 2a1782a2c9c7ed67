import type { MeshResource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { buildConfigView } from './config-view.js';

const HTTPBIN = 'httpbin.default.svc.cluster.local';

function resources(...items: object[]): MeshResource[] {
  return items as MeshResource[];
}

const subsets = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'httpbin', namespace: 'default' },
  spec: {
    host: 'httpbin',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      {
        name: 'v2',
        labels: { version: 'v2' },
        trafficPolicy: { connectionPool: { tcp: { maxConnections: 1 } } },
      },
    ],
  },
};

function vs(http: object[], hosts = ['httpbin'], namespace = 'default') {
  return {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'VirtualService',
    metadata: { name: 'vs', namespace },
    spec: { hosts, http },
  };
}

describe('buildConfigView', () => {
  it('reads badges from VirtualService routes and DestinationRule policies', () => {
    const view = buildConfigView(
      resources(
        subsets,
        vs([
          {
            match: [{ uri: { prefix: '/a' } }],
            route: [{ destination: { host: 'httpbin', subset: 'v1' } }],
            fault: { abort: { httpStatus: 500, percentage: { value: 10 } } },
            timeout: '2s',
            retries: { attempts: 3 },
          },
          {
            route: [{ destination: { host: 'httpbin', subset: 'v1' } }],
            mirrors: [{ destination: { host: 'httpbin', subset: 'v2' } }],
          },
        ]),
      ),
    );
    expect(view.badges(HTTPBIN)).toEqual({
      mirror: true,
      weightedRouting: false,
      faultInjection: true,
      timeout: true,
      retries: true,
      circuitBreaker: true,
    });
    expect(view.badges('other.default.svc.cluster.local').mirror).toBe(false);
  });

  it('retries with attempts 0 turn retries off (no badge)', () => {
    const view = buildConfigView(
      resources(vs([{ route: [{ destination: { host: 'httpbin' } }], retries: { attempts: 0 } }])),
    );
    expect(view.badges(HTTPBIN).retries).toBe(false);
  });

  it('gives subset weights as percent of the route total (weights need not sum to 100)', () => {
    const view = buildConfigView(
      resources(
        subsets,
        vs([
          {
            route: [
              { destination: { host: 'httpbin', subset: 'v1' }, weight: 3 },
              { destination: { host: 'httpbin', subset: 'v2' }, weight: 1 },
            ],
          },
        ]),
      ),
    );
    expect(view.subsetWeight(HTTPBIN, { app: 'httpbin', version: 'v1' })).toBe(75);
    expect(view.subsetWeight(HTTPBIN, { app: 'httpbin', version: 'v2' })).toBe(25);
    expect(view.subsetWeight(HTTPBIN, { app: 'httpbin', version: 'v3' })).toBeUndefined();
    expect(view.badges(HTTPBIN).weightedRouting).toBe(true);
  });

  it('gives host weights for routes split across hosts', () => {
    const view = buildConfigView(
      resources(
        vs(
          [
            {
              route: [
                { destination: { host: 'reviews-v1' }, weight: 90 },
                { destination: { host: 'reviews-v2' }, weight: 10 },
              ],
            },
          ],
          ['reviews'],
        ),
      ),
    );
    expect(view.hostWeight('reviews-v2.default.svc.cluster.local')).toBe(10);
    expect(view.hostWeight(HTTPBIN)).toBeUndefined();
  });

  it.each([
    [
      'mirror + mirrorPercentage',
      { mirror: { host: 'httpbin', subset: 'v2' }, mirrorPercentage: { value: 12.5 } },
      12.5,
    ],
    ['mirror without a percentage means 100', { mirror: { host: 'httpbin', subset: 'v2' } }, 100],
    ['deprecated mirrorPercent', { mirror: { host: 'httpbin', subset: 'v2' }, mirrorPercent: 30 }, 30],
    [
      'mirrors[] with percentage',
      { mirrors: [{ destination: { host: 'httpbin', subset: 'v2' }, percentage: { value: 5 } }] },
      5,
    ],
  ])('mirror percentage: %s', (_name, fields, percent) => {
    const view = buildConfigView(
      resources(subsets, vs([{ route: [{ destination: { host: 'httpbin', subset: 'v1' } }], ...fields }])),
    );
    expect(view.mirrorPercentage(HTTPBIN, { version: 'v2' })).toBe(percent);
    expect(view.mirrorPercentage(HTTPBIN, null)).toBe(percent);
    expect(view.mirrorPercentage(HTTPBIN, { version: 'v1' })).toBeUndefined();
  });

  it('resolves short hosts in the resource namespace', () => {
    const view = buildConfigView(
      resources(vs([{ route: [{ destination: { host: 'a' } }], timeout: '1s' }], ['a'], 'shop')),
    );
    expect(view.badges('a.shop.svc.cluster.local').timeout).toBe(true);
    expect(view.badges('a.default.svc.cluster.local').timeout).toBe(false);
  });

  it('reads weights, mirrors and badges from Gateway API HTTPRoutes as from the VirtualServices they stand for', () => {
    const service = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { ports: [{ port: 9080 }] },
    });
    const view = buildConfigView(
      resources(service('reviews'), service('reviews-v1'), service('reviews-v2'), service('reviews-v3'), {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'reviews', namespace: 'default' },
        spec: {
          parentRefs: [{ group: '', kind: 'Service', name: 'reviews' }],
          rules: [
            {
              filters: [
                {
                  type: 'RequestMirror',
                  requestMirror: { backendRef: { name: 'reviews-v3', port: 9080 }, percent: 50 },
                },
              ],
              backendRefs: [
                { name: 'reviews-v1', port: 9080, weight: 70 },
                { name: 'reviews-v2', port: 9080, weight: 30 },
              ],
              timeouts: { request: '5s' },
            },
          ],
        },
      }),
    );
    const fqdn = (name: string) => `${name}.default.svc.cluster.local`;
    expect(view.hostWeight(fqdn('reviews-v1'))).toBe(70);
    expect(view.hostWeight(fqdn('reviews-v2'))).toBe(30);
    expect(view.mirrorPercentage(fqdn('reviews-v3'), null)).toBe(50);
    expect(view.badges(fqdn('reviews'))).toMatchObject({
      mirror: true,
      weightedRouting: true,
      timeout: true,
    });
  });
});
