import type { DestinationRule, GatewayHTTPRoute, Service, VirtualService } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { hostFor, indexServices, serviceOfHost, serviceParentOf } from './serviceIndex';

const service = (name: string, namespace = 'default'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: { app: name }, ports: [{ port: 8000 }] },
});

const vs = (name: string, spec: VirtualService['spec'], namespace = 'default'): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec,
});

const dr = (host: string, subsets: string[], namespace = 'default'): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: host, namespace },
  spec: { host, subsets: subsets.map((s) => ({ name: s, labels: { version: s } })) },
});

describe('indexServices', () => {
  const objects = {
    services: [service('httpbin'), service('sleep'), service('ratings', 'shop')],
    virtualServices: [
      vs('httpbin', {
        hosts: ['httpbin'],
        http: [
          {
            route: [{ destination: { host: 'httpbin', subset: 'v1' } }],
            mirror: { host: 'httpbin', subset: 'v2' },
          },
        ],
      }),
      vs('edge', {
        hosts: ['*'],
        gateways: ['bookinfo-gateway'],
        http: [{ route: [{ destination: { host: 'httpbin' } }] }],
      }),
      vs('reviews', {
        hosts: ['reviews.shop.svc.cluster.local'],
        http: [
          {
            route: [
              { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v1' }, weight: 50 },
              { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v2' }, weight: 50 },
            ],
          },
        ],
      }),
    ],
    destinationRules: [dr('httpbin', ['v1', 'v2']), dr('httpbin.default.svc.cluster.local', ['v2', 'v3'])],
  };

  it('joins Services with the rules that cover them and adds hosts only rules name', () => {
    const index = indexServices(objects);
    expect(index.map((s) => `${s.namespace}/${s.name}`)).toEqual([
      'default/httpbin',
      'default/sleep',
      'shop/ratings',
      'shop/reviews',
    ]);
    const httpbin = index[0]!;
    expect(httpbin.virtualServices.map((v) => v.metadata.name)).toEqual(['httpbin']);
    expect(httpbin.destinationRules).toHaveLength(2);
    expect(httpbin.subsets).toEqual(['v1', 'v2', 'v3']);
    expect(httpbin.hasMirror).toBe(true);
    expect(httpbin.hasWeights).toBe(false);
    const reviews = index[3]!;
    expect(reviews.service).toBeNull();
    expect(reviews.hasWeights).toBe(true);
  });

  it('writes short hosts inside the namespace and FQDNs across', () => {
    const [httpbin] = indexServices(objects);
    expect(hostFor(httpbin!, 'default')).toBe('httpbin');
    expect(hostFor(httpbin!, 'shop')).toBe('httpbin.default.svc.cluster.local');
  });

  it('finds the service a written host refers to', () => {
    const index = indexServices(objects);
    expect(serviceOfHost(index, 'httpbin', 'default')?.fqdn).toBe('httpbin.default.svc.cluster.local');
    expect(serviceOfHost(index, 'ratings.shop', 'default')?.name).toBe('ratings');
    expect(serviceOfHost(index, 'nope', 'default')).toBeUndefined();
  });
});

describe('HTTPRoutes in the index', () => {
  const route = (name: string, spec: GatewayHTTPRoute['spec'], namespace = 'default'): GatewayHTTPRoute => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace },
    spec,
  });
  const mirrorRule = {
    filters: [
      { type: 'RequestMirror' as const, requestMirror: { backendRef: { name: 'reviews-v2', port: 9080 } } },
    ],
    backendRefs: [{ name: 'reviews-v1', port: 9080 }],
  };
  const objects = {
    services: [service('reviews'), service('reviews-v1'), service('reviews-v2')],
    virtualServices: [],
    destinationRules: [],
    httpRoutes: [
      route('reviews-mirror', {
        parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
        rules: [mirrorRule],
      }),
      // An ingress route (Gateway parent) concerns no Service of the mesh.
      route('ingress', { parentRefs: [{ name: 'edge' }], rules: [mirrorRule] }),
      // A route in another namespace naming this one's Service (a consumer route).
      route(
        'from-shop',
        { parentRefs: [{ kind: 'Service', name: 'reviews', namespace: 'default' }] },
        'shop',
      ),
      // A parent that only the route names.
      route('only', { parentRefs: [{ group: '', kind: 'Service', name: 'details' }] }),
    ],
  };

  it('lists the HTTPRoutes whose Service parentRef is the service, with their mirror and weights', () => {
    const index = indexServices(objects);
    expect(index.map((s) => s.name)).toEqual(['details', 'reviews', 'reviews-v1', 'reviews-v2']);
    const reviews = index.find((s) => s.name === 'reviews')!;
    expect(reviews.httpRoutes.map((r) => r.metadata.name)).toEqual(['reviews-mirror', 'from-shop']);
    expect(reviews.hasMirror).toBe(true);
    expect(reviews.hasWeights).toBe(false);
    expect(index.find((s) => s.name === 'details')?.service).toBeNull();
    expect(index.find((s) => s.name === 'reviews-v1')?.httpRoutes).toEqual([]);
  });

  it('tells a Service parent from a Gateway parent', () => {
    expect(serviceParentOf({ group: '', kind: 'Service', name: 'a' }, 'ns')).toEqual({
      name: 'a',
      namespace: 'ns',
    });
    expect(serviceParentOf({ kind: 'Service', name: 'a', namespace: 'x' }, 'ns')).toEqual({
      name: 'a',
      namespace: 'x',
    });
    expect(serviceParentOf({ name: 'gw' }, 'ns')).toBeNull();
    expect(
      serviceParentOf({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }, 'ns'),
    ).toBeNull();
  });
});
