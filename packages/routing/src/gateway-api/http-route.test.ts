import type { HTTPRouteRule, ParentReference, Resource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { fwd, req, service, sidecar, workload } from '../testing/fixtures.js';
import { binomialBand, mulberry32 } from '../testing/mulberry32.js';
import type { RouteDecision, RouteTable } from '../types.js';

const GW_API = 'gateway.networking.k8s.io/v1';
const REVIEWS: ParentReference = { group: '', kind: 'Service', name: 'reviews', port: 9080 };

function httpRoute(
  name: string,
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: HTTPRouteRule[] },
  ns = 'default',
  creationTimestamp?: string,
): Resource {
  return {
    apiVersion: GW_API,
    kind: 'HTTPRoute',
    metadata: { name, namespace: ns, creationTimestamp },
    spec,
  };
}

/** GAMMA's shape: one Service per version besides the one clients call. */
function reviewsWorld(ns = 'default') {
  const endpoints = ['v1', 'v2', 'v3'].map((v) => workload('reviews', v, ns));
  const resources: Resource[] = [
    service('reviews', [9080], ns, { app: 'reviews' }),
    ...['v1', 'v2', 'v3'].map((v) => service(`reviews-${v}`, [9080], ns, { app: 'reviews', version: v })),
  ];
  return { endpoints, resources };
}

function table(routes: Resource[], proxyNs = 'default'): RouteTable {
  const w = reviewsWorld();
  return sidecar([...w.resources, ...routes], w.endpoints, { namespace: proxyNs });
}

const backend = (v: string, weight?: number) => ({ name: `reviews-${v}`, port: 9080, weight });
const hostOf = (d: RouteDecision) => fwd(d).cluster.host.split('.')[0];

describe('HTTPRoute with a Service parent (GAMMA)', () => {
  it('splits by backendRefs weights 70/30/0 within 4σ over 2,000 requests, the weight-0 backend getting none', () => {
    const t = table([
      httpRoute('reviews', {
        parentRefs: [REVIEWS],
        rules: [{ backendRefs: [backend('v1', 70), backend('v2', 30), backend('v3', 0)] }],
      }),
    ]);
    const random = mulberry32(7);
    const counts: Record<string, number> = {};
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const h = hostOf(t.route(req('reviews:9080', '/'), random)) ?? '';
      counts[h] = (counts[h] ?? 0) + 1;
    }
    const [lo, hi] = binomialBand(n, 0.7);
    expect(counts['reviews-v1']).toBeGreaterThanOrEqual(lo);
    expect(counts['reviews-v1']).toBeLessThanOrEqual(hi);
    expect(counts['reviews-v3']).toBeUndefined();
    expect((counts['reviews-v1'] ?? 0) + (counts['reviews-v2'] ?? 0)).toBe(n);
  });

  it('answers 500 when every backend has weight 0 or none is listed', () => {
    for (const backendRefs of [[backend('v1', 0)], []]) {
      const t = table([httpRoute('reviews', { parentRefs: [REVIEWS], rules: [{ backendRefs }] })]);
      expect(t.route(req('reviews:9080'), mulberry32(1))).toMatchObject({
        kind: 'direct-response',
        status: 500,
      });
    }
  });

  it('mirrors percent: 50 of requests within 4σ, and fraction 1/4 as 25 %', () => {
    for (const [filter, p] of [
      [{ percent: 50 }, 0.5],
      [{ fraction: { numerator: 1, denominator: 4 } }, 0.25],
    ] as const) {
      const t = table([
        httpRoute('reviews', {
          parentRefs: [REVIEWS],
          rules: [
            {
              filters: [{ type: 'RequestMirror', requestMirror: { backendRef: backend('v2'), ...filter } }],
              backendRefs: [backend('v1')],
            },
          ],
        }),
      ]);
      const random = mulberry32(11);
      let mirrored = 0;
      const n = 2000;
      for (let i = 0; i < n; i++) {
        const d = fwd(t.route(req('reviews:9080'), random));
        expect(d.cluster.host).toBe('reviews-v1.default.svc.cluster.local');
        if (d.mirrors.length > 0) {
          mirrored++;
          expect(d.mirrors[0]?.cluster.host).toBe('reviews-v2.default.svc.cluster.local');
          expect(d.mirrors[0]?.authority).toBe('reviews-shadow:9080');
        }
      }
      const [lo, hi] = binomialBand(n, p);
      expect(mirrored).toBeGreaterThanOrEqual(lo);
      expect(mirrored).toBeLessThanOrEqual(hi);
    }
  });

  it('sends a copy to every RequestMirror filter of a rule', () => {
    const t = table([
      httpRoute('reviews', {
        parentRefs: [REVIEWS],
        rules: [
          {
            filters: [
              { type: 'RequestMirror', requestMirror: { backendRef: backend('v2') } },
              { type: 'RequestMirror', requestMirror: { backendRef: backend('v3') } },
            ],
            backendRefs: [backend('v1')],
          },
        ],
      }),
    ]);
    const d = fwd(t.route(req('reviews:9080'), mulberry32(1)));
    expect(d.mirrors.map((m) => m.cluster.host.split('.')[0])).toEqual(['reviews-v2', 'reviews-v3']);
  });

  it('matches PathPrefix by whole path elements, and orders rules Exact > longest prefix > method > headers', () => {
    const t = table([
      httpRoute(
        'old',
        {
          parentRefs: [REVIEWS],
          rules: [
            { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [backend('v1')] },
            {
              matches: [
                { path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'X-Beta', value: '1' }] },
              ],
              backendRefs: [backend('v3')],
            },
          ],
        },
        'default',
        '2026-01-01T00:00:00Z',
      ),
      httpRoute(
        'new',
        {
          parentRefs: [REVIEWS],
          rules: [
            { matches: [{ path: { type: 'PathPrefix', value: '/api/' } }], backendRefs: [backend('v2')] },
            { matches: [{ path: { type: 'Exact', value: '/api/exact' } }], backendRefs: [backend('v3')] },
          ],
        },
        'default',
        '2026-02-01T00:00:00Z',
      ),
    ]);
    const to = (path: string, headers: Record<string, string> = {}) =>
      hostOf(t.route(req('reviews:9080', path, { headers }), mulberry32(1)));
    expect(to('/api')).toBe('reviews-v2');
    expect(to('/api/x')).toBe('reviews-v2');
    expect(to('/apix')).toBe('reviews-v1');
    expect(to('/api/exact')).toBe('reviews-v3');
    // Same prefix length: the older route's rule with a header match beats the newer one without.
    expect(to('/api/x', { 'x-beta': '1' })).toBe('reviews-v3');
    expect(to('/other')).toBe('reviews-v1');
  });

  it('applies request and response header modifiers, and per-backend ones to that backend only', () => {
    const t = table([
      httpRoute('reviews', {
        parentRefs: [REVIEWS],
        rules: [
          {
            filters: [
              {
                type: 'RequestHeaderModifier',
                requestHeaderModifier: {
                  set: [{ name: 'X-Set', value: 'a' }],
                  add: [{ name: 'X-Add', value: 'b' }],
                  remove: ['X-Gone'],
                },
              },
              {
                type: 'ResponseHeaderModifier',
                responseHeaderModifier: { set: [{ name: 'X-Resp', value: 'c' }] },
              },
            ],
            backendRefs: [
              {
                ...backend('v1'),
                filters: [
                  {
                    type: 'RequestHeaderModifier',
                    requestHeaderModifier: { set: [{ name: 'x-backend', value: 'v1' }] },
                  },
                ],
              },
            ],
          },
        ],
      }),
    ]);
    const d = fwd(t.route(req('reviews:9080'), mulberry32(1)));
    expect(d.requestHeaders).toEqual({
      set: { 'x-set': 'a', 'x-backend': 'v1' },
      add: { 'x-add': 'b' },
      remove: ['x-gone'],
    });
    expect(d.responseHeaders.set).toEqual({ 'x-resp': 'c' });
  });

  it('rewrites a prefix element-wise (ReplacePrefixMatch), the full path, and the Host', () => {
    const t = table([
      httpRoute('reviews', {
        parentRefs: [REVIEWS],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/prefix/one' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/one' } },
              },
            ],
            backendRefs: [backend('v1')],
          },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/strip-prefix' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
              },
            ],
            backendRefs: [backend('v1')],
          },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/full' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: {
                  hostname: 'elsewhere.example',
                  path: { type: 'ReplaceFullPath', replaceFullPath: '/replaced' },
                },
              },
            ],
            backendRefs: [backend('v1')],
          },
        ],
      }),
    ]);
    const path = (p: string) => fwd(t.route(req('reviews:9080', p), mulberry32(1))).path;
    expect(path('/prefix/one')).toBe('/one');
    expect(path('/prefix/one/two')).toBe('/one/two');
    expect(path('/prefix/one/two?q=1')).toBe('/one/two?q=1');
    expect(path('/strip-prefix')).toBe('/');
    expect(path('/strip-prefix/three')).toBe('/three');
    expect(path('/full/a/b')).toBe('/replaced');
    expect(fwd(t.route(req('reviews:9080', '/full'), mulberry32(1))).authority).toBe('elsewhere.example');
  });

  it('redirects with RequestRedirect (302 by default, the scheme port, prefix replaced)', () => {
    const t = table([
      httpRoute('reviews', {
        parentRefs: [REVIEWS],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
            filters: [
              {
                type: 'RequestRedirect',
                requestRedirect: {
                  scheme: 'https',
                  hostname: 'example.com',
                  path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' },
                },
              },
            ],
          },
          {
            matches: [{ path: { type: 'Exact', value: '/moved' } }],
            filters: [
              { type: 'RequestRedirect', requestRedirect: { statusCode: 301, hostname: 'other.example' } },
            ],
          },
        ],
      }),
    ]);
    expect(t.route(req('reviews:9080', '/old/page'), mulberry32(1))).toEqual({
      kind: 'redirect',
      status: 302,
      location: 'https://example.com/new/page',
    });
    expect(t.route(req('reviews:9080', '/moved'), mulberry32(1))).toEqual({
      kind: 'redirect',
      status: 301,
      location: 'http://other.example:9080/moved',
    });
  });

  it('turns timeouts.request into the route timeout', () => {
    const t = table([
      httpRoute('reviews', {
        parentRefs: [REVIEWS],
        rules: [{ timeouts: { request: '1m30s' }, backendRefs: [backend('v1')] }],
      }),
    ]);
    expect(fwd(t.route(req('reviews:9080'), mulberry32(1))).timeoutMs).toBe(90_000);
  });

  it('lets a consumer route in the client namespace override the producer route, for that namespace only', () => {
    const producer = httpRoute('producer', {
      parentRefs: [REVIEWS],
      rules: [{ backendRefs: [backend('v1')] }],
    });
    const consumer = httpRoute(
      'consumer',
      {
        parentRefs: [{ ...REVIEWS, namespace: 'default' }],
        rules: [{ backendRefs: [{ ...backend('v2'), namespace: 'default' }] }],
      },
      'frontend',
    );
    const inFrontend = table([producer, consumer], 'frontend');
    const elsewhere = table([producer, consumer], 'default');
    expect(hostOf(inFrontend.route(req('reviews.default:9080'), mulberry32(1)))).toBe('reviews-v2');
    expect(hostOf(elsewhere.route(req('reviews:9080'), mulberry32(1)))).toBe('reviews-v1');
  });

  it('narrows a parentRef with a port to that port', () => {
    const w = reviewsWorld();
    const t = sidecar(
      [
        ...w.resources.filter((r) => r.metadata.name !== 'reviews'),
        service('reviews', [9080, 9090], 'default', { app: 'reviews' }),
        httpRoute('reviews', { parentRefs: [REVIEWS], rules: [{ backendRefs: [backend('v2')] }] }),
      ],
      w.endpoints,
    );
    expect(hostOf(t.route(req('reviews:9080'), mulberry32(1)))).toBe('reviews-v2');
    expect(fwd(t.route(req('reviews:9090'), mulberry32(1))).cluster.subset).toBeNull();
    expect(hostOf(t.route(req('reviews:9090'), mulberry32(1)))).toBe('reviews');
  });
});

describe('HTTPRoute with a Gateway parent', () => {
  const k8sGateway = (listeners: unknown[]): Resource => ({
    apiVersion: GW_API,
    kind: 'KubernetesGateway',
    metadata: { name: 'web', namespace: 'default' },
    spec: { gatewayClassName: 'istio', listeners },
  });

  function gatewayTable(resources: Resource[], labels = { 'gateway.networking.k8s.io/gateway-name': 'web' }) {
    const w = reviewsWorld();
    return sidecar([...w.resources, ...resources], w.endpoints, { kind: 'gateway', labels, name: 'web' });
  }

  it('routes the route hostnames a listener admits, on gateway proxies labelled with the Gateway name', () => {
    const resources = [
      k8sGateway([{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }]),
      httpRoute('shop', {
        parentRefs: [{ name: 'web' }],
        hostnames: ['shop.example.com', 'shop.other.org'],
        rules: [{ backendRefs: [backend('v3')] }],
      }),
    ];
    const t = gatewayTable(resources);
    expect(hostOf(t.route(req('shop.example.com'), mulberry32(1)))).toBe('reviews-v3');
    expect(t.route(req('shop.other.org'), mulberry32(1))).toMatchObject({ kind: 'reject', status: 404 });
    const unlabelled = gatewayTable(resources, { 'gateway.networking.k8s.io/gateway-name': 'other' });
    expect(unlabelled.route(req('shop.example.com'), mulberry32(1))).toMatchObject({
      kind: 'reject',
      status: 404,
    });
  });

  it('admits routes from other namespaces only when the listener allows All', () => {
    const route = httpRoute(
      'shop',
      {
        parentRefs: [{ name: 'web', namespace: 'default' }],
        rules: [{ backendRefs: [{ ...backend('v2'), namespace: 'default' }] }],
      },
      'team',
    );
    const same = gatewayTable([k8sGateway([{ name: 'http', port: 80, protocol: 'HTTP' }]), route]);
    expect(same.route(req('any.host'), mulberry32(1))).toMatchObject({ kind: 'reject' });
    const all = gatewayTable([
      k8sGateway([
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
      ]),
      route,
    ]);
    expect(hostOf(all.route(req('any.host'), mulberry32(1)))).toBe('reviews-v2');
  });

  it('binds a parentRef with sectionName to that listener only', () => {
    const t = gatewayTable([
      k8sGateway([
        { name: 'a', port: 80, protocol: 'HTTP', hostname: 'a.example.com' },
        { name: 'b', port: 80, protocol: 'HTTP', hostname: 'b.example.com' },
      ]),
      httpRoute('r', {
        parentRefs: [{ name: 'web', sectionName: 'b' }],
        rules: [{ backendRefs: [backend('v1')] }],
      }),
    ]);
    expect(hostOf(t.route(req('b.example.com'), mulberry32(1)))).toBe('reviews-v1');
    expect(t.route(req('a.example.com'), mulberry32(1))).toMatchObject({ kind: 'reject' });
  });
});
