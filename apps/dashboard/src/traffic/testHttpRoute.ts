// A Gateway API HTTPRoute for the traffic tests (not shipped: only *.test.ts files import it): the GAMMA
// mesh case, a `reviews` Service parent and per-version Services as backends.
import type { GatewayHTTPRoute, HTTPRouteRule } from '@shadowmesh/api';

export function testHttpRoute(rules: HTTPRouteRule[]): GatewayHTTPRoute {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: 'reviews',
      namespace: 'default',
      resourceVersion: '7',
      labels: { owner: 'hand-written' },
    },
    spec: { parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }], rules },
  };
}

/** A hand-written rule: a match, a header filter between two mirrors (one `percent`, one `fraction`), a
 * timeout, weights 70/30/0, a backend's own filter. */
export function handWrittenRule(): HTTPRouteRule {
  return {
    name: 'split',
    matches: [
      { path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'end-user', value: 'jason' }] },
    ],
    filters: [
      {
        type: 'RequestMirror',
        requestMirror: { backendRef: { name: 'reviews-v3', port: 9080 }, percent: 10 },
      },
      {
        type: 'RequestHeaderModifier',
        requestHeaderModifier: { set: [{ name: 'x-canary', value: 'yes' }] },
      },
      {
        type: 'RequestMirror',
        requestMirror: {
          backendRef: { kind: 'Service', name: 'reviews-v4', port: 9080 },
          fraction: { numerator: 1, denominator: 3 },
        },
      },
    ],
    backendRefs: [
      { name: 'reviews-v1', port: 9080, weight: 70 },
      {
        name: 'reviews-v2',
        port: 9080,
        weight: 30,
        filters: [
          { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-v', value: '2' }] } },
        ],
      },
      { group: '', kind: 'Service', name: 'reviews-v3', port: 9080, weight: 0 },
    ],
    timeouts: { request: '5s' },
  };
}

/** Another rule the editor must leave alone: a redirect. */
export function redirectRule(): HTTPRouteRule {
  return {
    matches: [{ path: { type: 'Exact', value: '/old' } }],
    filters: [
      {
        type: 'RequestRedirect',
        requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } },
      },
    ],
  };
}
