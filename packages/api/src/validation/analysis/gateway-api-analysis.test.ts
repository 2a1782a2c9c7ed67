// Cross-resource analysis of HTTPRoutes: parents (Services for the mesh, Gateways with listeners), backends,
// mirrors, listener attachment (allowedRoutes, protocol, hostnames) and conflicts with VirtualServices and
// other HTTPRoutes.
import { describe, expect, it } from 'vitest';
import type { MeshResource } from '../../resources/mesh-resource.js';
import type { AnalysisCode } from '../analysis-codes.js';
import { analyze } from './analyze.js';
import type { AnalysisWorkload } from './mesh-index.js';

const service = (name: string, ns = 'default', ports = [{ name: 'http', port: 8000 }]): MeshResource => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { selector: { app: name }, ports },
});
const httpRoute = (name: string, spec: object, ns = 'default', created?: string): MeshResource =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: ns, ...(created ? { creationTimestamp: created } : {}) },
    spec,
  }) as MeshResource;
const gateway = (listeners: object[], ns = 'infra', name = 'gw'): MeshResource =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'KubernetesGateway',
    metadata: { name, namespace: ns },
    spec: { gatewayClassName: 'istio', listeners },
  }) as MeshResource;
const listener = (extra: object = {}) => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
const selector = (s: object) => ({ allowedRoutes: { namespaces: { from: 'Selector', selector: s } } });
const svcParent = (name = 'reviews', extra: object = {}) => ({ group: '', kind: 'Service', name, ...extra });
const gwParent = (extra: object = {}) => ({ name: 'gw', namespace: 'infra', ...extra });
const to = (name: string, port = 8000, extra: object = {}) => ({ name, port, ...extra });
const rules = (...backends: object[]) => [{ backendRefs: backends }];
const mirror = (name: string, port = 8000) => ({
  type: 'RequestMirror',
  requestMirror: { backendRef: { name, port } },
});
const vs = (hosts: string[], extra: object = {}): MeshResource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews-vs', namespace: 'default' },
  spec: { hosts, http: [{ route: [{ destination: { host: 'reviews-v1' } }] }], ...extra },
});

// The GAMMA mesh: reviews routed by an HTTPRoute to v1 and v2, mirrored to v3.
const mesh: MeshResource[] = ['reviews', 'reviews-v1', 'reviews-v2', 'reviews-v3'].map((n) => service(n));
const workloads: AnalysisWorkload[] = ['reviews', 'reviews-v1', 'reviews-v2', 'reviews-v3'].map((app) => ({
  namespace: 'default',
  labels: { app },
}));

function findings(resources: MeshResource[], wl: AnalysisWorkload[] | undefined = workloads) {
  return analyze([...mesh, ...resources], wl).map((f) => [f.code, f.resource.name, f.field]);
}
function codes(resources: MeshResource[]): AnalysisCode[] {
  return analyze([...mesh, ...resources], workloads).map((f) => f.code);
}

describe('analyze: HTTPRoute references', () => {
  it('finds nothing wrong with a GAMMA route that splits and mirrors', () => {
    const route = httpRoute('reviews', {
      parentRefs: [svcParent('reviews', { port: 8000 })],
      rules: [
        {
          filters: [mirror('reviews-v3')],
          backendRefs: [to('reviews-v1', 8000, { weight: 90 }), to('reviews-v2', 8000, { weight: 10 })],
        },
      ],
    });
    expect(findings([route])).toEqual([]);
  });

  it('finds nothing wrong with a route on a Gateway that allows it', () => {
    const gw = gateway([
      listener({ hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } }),
    ]);
    const route = httpRoute('web', {
      parentRefs: [gwParent()],
      hostnames: ['www.example.com'],
      rules: rules(to('reviews')),
    });
    expect(findings([gw, route])).toEqual([]);
  });

  it.each([
    [
      'a missing Service parent',
      [httpRoute('r', { parentRefs: [svcParent('ghost')] })],
      'spec.parentRefs[0]',
      /parent Service default\/ghost not found/,
    ],
    [
      'a Service parent in another namespace',
      [httpRoute('r', { parentRefs: [svcParent('reviews', { namespace: 'music' })] })],
      'spec.parentRefs[0]',
      /music\/reviews not found/,
    ],
    [
      'a port the Service lacks',
      [httpRoute('r', { parentRefs: [svcParent('reviews', { port: 9080 })] })],
      'spec.parentRefs[0].port',
      /has no port 9080 \(its ports: 8000\)/,
    ],
    [
      'a port name the Service lacks',
      [httpRoute('r', { parentRefs: [svcParent('reviews', { sectionName: 'grpc' })] })],
      'spec.parentRefs[0].sectionName',
      /no port named "grpc"/,
    ],
    [
      'a missing Gateway',
      [httpRoute('r', { parentRefs: [gwParent()] })],
      'spec.parentRefs[0]',
      /parent Gateway infra\/gw not found/,
    ],
    [
      'an Istio Gateway of that name (not a Gateway API one)',
      [
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'Gateway',
          metadata: { name: 'gw', namespace: 'infra' },
          spec: { servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
        } as MeshResource,
        httpRoute('r', { parentRefs: [gwParent()] }),
      ],
      'spec.parentRefs[0]',
      /parent Gateway infra\/gw not found/,
    ],
    [
      'a listener name the Gateway lacks',
      [
        gateway([listener({ allowedRoutes: { namespaces: { from: 'All' } } })]),
        httpRoute('r', { parentRefs: [gwParent({ sectionName: 'https' })] }),
      ],
      'spec.parentRefs[0].sectionName',
      /no listener named "https" \(its listeners: http\)/,
    ],
    [
      'a listener port the Gateway lacks',
      [
        gateway([listener({ allowedRoutes: { namespaces: { from: 'All' } } })]),
        httpRoute('r', { parentRefs: [gwParent({ port: 8080 })] }),
      ],
      'spec.parentRefs[0].port',
      /no listener on port 8080/,
    ],
  ])('SM0108: %s', (_, resources, field, message) => {
    const hit = analyze([...mesh, ...resources]).find((f) => f.code === 'SM0108');
    expect(hit?.field).toBe(field);
    expect(hit?.level).toBe('error');
    expect(hit?.message).toMatch(message);
  });

  it('SM0109/SM0110/SM0111: backends, mirror backends and their ports, in rules and in backendRefs', () => {
    const route = httpRoute('r', {
      parentRefs: [svcParent()],
      rules: [
        {
          filters: [mirror('ghost-mirror'), mirror('reviews-v3', 9000)],
          backendRefs: [
            to('ghost'),
            to('reviews-v1', 9080),
            to('reviews-v2', 8000, { filters: [mirror('ghost-2')] }),
          ],
        },
      ],
    });
    expect(findings([route])).toEqual([
      ['SM0109', 'r', 'spec.rules[0].backendRefs[0].name'],
      ['SM0111', 'r', 'spec.rules[0].backendRefs[1].port'],
      ['SM0110', 'r', 'spec.rules[0].backendRefs[2].filters[0].requestMirror.backendRef.name'],
      ['SM0110', 'r', 'spec.rules[0].filters[0].requestMirror.backendRef.name'],
      ['SM0111', 'r', 'spec.rules[0].filters[1].requestMirror.backendRef.port'],
    ]);
  });

  it('resolves a backendRef namespace, defaulting to the route namespace', () => {
    const music = service('back', 'music');
    const ok = httpRoute('r', {
      parentRefs: [svcParent()],
      rules: rules(to('back', 8000, { namespace: 'music' })),
    });
    const wrong = httpRoute('r', { parentRefs: [svcParent()], rules: rules(to('back')) });
    expect(codes([music, ok])).toEqual([]);
    expect(codes([music, wrong])).toEqual(['SM0109']);
  });

  it('SM0305: a mirror backend without running workloads (only when workloads are known)', () => {
    const route = httpRoute('r', {
      parentRefs: [svcParent()],
      rules: [{ filters: [mirror('reviews-v3')], backendRefs: [to('reviews-v1')] }],
    });
    const without = workloads.filter((w) => w.labels.app !== 'reviews-v3');
    expect(findings([route], without)).toEqual([
      ['SM0305', 'r', 'spec.rules[0].filters[0].requestMirror.backendRef'],
    ]);
    expect(findings([route], undefined)).toEqual([]);
  });
});

describe('analyze: HTTPRoute attachment to Gateway listeners', () => {
  const route = (spec: object = {}, ns = 'default') =>
    httpRoute('r', { parentRefs: [gwParent()], rules: rules(to('reviews')), ...spec }, ns);

  it.each([
    [
      'from Same (the default), route in another namespace',
      [listener()],
      'SM0112',
      /listener http allows routes from its own namespace infra only/,
    ],
    [
      'from Same, explicitly',
      [listener({ allowedRoutes: { namespaces: { from: 'Same' } } })],
      'SM0112',
      /own namespace/,
    ],
    [
      'a selector on the namespace name, other namespace',
      [listener(selector({ matchLabels: { 'kubernetes.io/metadata.name': 'music' } }))],
      'SM0112',
      /selects namespaces that do not include default/,
    ],
    [
      'a NotIn selector on the namespace name',
      [
        listener(
          selector({
            matchExpressions: [
              { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['default'] },
            ],
          }),
        ),
      ],
      'SM0112',
      /selects namespaces/,
    ],
    [
      'kinds without HTTPRoute',
      [listener({ allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } })],
      'SM0112',
      /listener http allows only GRPCRoute/,
    ],
    [
      'a TCP listener',
      [listener({ protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } })],
      'SM0112',
      /listener http is TCP/,
    ],
  ])('SM0112: %s', (_, listeners, code, message) => {
    const hit = analyze([...mesh, gateway(listeners), route()]).find((f) => f.code === code);
    expect(hit?.field).toBe('spec.parentRefs[0]');
    expect(hit?.level).toBe('warning');
    expect(hit?.message).toMatch(message);
  });

  it.each([
    ['from All', [listener({ allowedRoutes: { namespaces: { from: 'All' } } })]],
    [
      'a selector on the namespace name',
      [listener(selector({ matchLabels: { 'kubernetes.io/metadata.name': 'default' } }))],
    ],
    [
      'an In selector on the namespace name',
      [
        listener(
          selector({
            matchExpressions: [
              { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['music', 'default'] },
            ],
          }),
        ),
      ],
    ],
    [
      'a selector on labels analysis cannot know',
      [listener(selector({ matchLabels: { 'expose-apps': 'true' } }))],
    ],
    [
      'one refusing listener and one accepting',
      [listener(), listener({ name: 'all', port: 8080, allowedRoutes: { namespaces: { from: 'All' } } })],
    ],
    [
      'kinds with HTTPRoute',
      [
        listener({
          allowedRoutes: {
            namespaces: { from: 'All' },
            kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
          },
        }),
      ],
    ],
    ['an HTTPS listener', [listener({ protocol: 'HTTPS', allowedRoutes: { namespaces: { from: 'All' } } })]],
  ])('accepts %s', (_, listeners) => {
    // SM0902: an HTTPS listener is accepted with a warning that it is not served.
    expect(codes([gateway(listeners), route()]).filter((c) => c !== 'SM0902')).toEqual([]);
  });

  it('accepts a route in the Gateway namespace by default', () => {
    expect(codes([service('reviews', 'infra'), gateway([listener()]), route({}, 'infra')])).toEqual([]);
  });

  it('judges only the listeners sectionName and port select', () => {
    const listeners = [
      listener({ allowedRoutes: { namespaces: { from: 'All' } } }),
      listener({ name: 'same', port: 8080 }),
    ];
    expect(codes([gateway(listeners), route({ parentRefs: [gwParent({ sectionName: 'same' })] })])).toEqual([
      'SM0112',
    ]);
    expect(codes([gateway(listeners), route({ parentRefs: [gwParent({ port: 8080 })] })])).toEqual([
      'SM0112',
    ]);
    expect(codes([gateway(listeners), route({ parentRefs: [gwParent({ sectionName: 'http' })] })])).toEqual(
      [],
    );
  });

  const all = { allowedRoutes: { namespaces: { from: 'All' } } };
  it.each([
    ['*.example.com', ['foo.example.com'], []],
    ['*.example.com', ['*.example.com'], []],
    ['foo.example.com', ['*.example.com'], []],
    [undefined, ['anything.example.org'], []],
    ['*.example.com', [], []],
    ['*.example.com', ['example.com'], ['SM0113']],
    ['foo.example.com', ['bar.example.com', 'baz.example.com'], ['SM0113']],
  ])('listener hostname %s, route hostnames %j', (hostname, hostnames, want) => {
    const gw = gateway([listener({ ...all, ...(hostname ? { hostname } : {}) })]);
    expect(codes([gw, route({ hostnames })])).toEqual(want);
  });

  it('SM0113 names the route and listener hostnames', () => {
    const gw = gateway([listener({ ...all, hostname: '*.example.com' })]);
    const hit = analyze([...mesh, gw, route({ hostnames: ['example.com'] })]).find(
      (f) => f.code === 'SM0113',
    );
    expect(hit?.message).toMatch(
      /the route hostnames \(example.com\) intersect no listener hostname of Gateway infra\/gw \(http: \*\.example\.com\)/,
    );
  });
});

describe('analyze: HTTPRoute conflicts', () => {
  const gamma = (name = 'reviews-route', extra: object = {}) =>
    httpRoute(name, { parentRefs: [svcParent()], rules: rules(to('reviews-v1')), ...extra });

  it('SM0502: an HTTPRoute and a mesh VirtualService for one Service host, on both', () => {
    for (const v of [
      vs(['reviews']),
      vs(['reviews.default.svc.cluster.local'], { gateways: ['mesh', 'infra/gw'] }),
    ]) {
      const hits = analyze([...mesh, v, gamma()]).filter((f) => f.code === 'SM0502');
      expect(hits.map((f) => [f.resource.kind, f.field])).toEqual([
        ['VirtualService', 'spec.hosts[0]'],
        ['HTTPRoute', 'spec.parentRefs[0]'],
      ]);
      for (const h of hits) {
        expect(h.level).toBe('warning');
        expect(h.message).toMatch(
          /reviews\.default\.svc\.cluster\.local has mesh routes in both HTTPRoute default\/reviews-route and VirtualService default\/reviews-vs/,
        );
      }
    }
  });

  it('SM0502: not for a VirtualService bound to gateways only, nor for another host', () => {
    expect(codes([vs(['reviews'], { gateways: ['infra/gw'] }), gamma()])).not.toContain('SM0502');
    expect(codes([vs(['reviews-v2']), gamma()])).not.toContain('SM0502');
  });

  const matching = (name: string, created: string, match: object, ns = 'default') =>
    httpRoute(
      name,
      {
        parentRefs: [svcParent('reviews', { namespace: 'default' })],
        rules: [{ matches: [match], backendRefs: [to('reviews-v1', 8000, { namespace: 'default' })] }],
      },
      ns,
      created,
    );
  const jan = '2024-01-01T00:00:00Z';
  const feb = '2024-02-01T00:00:00Z';

  it('SM0503: identical matches on one Service, on the newer route, naming the older', () => {
    const header = {
      headers: [{ name: 'X-User', value: 'jason' }],
      path: { type: 'PathPrefix', value: '/' },
    };
    const sameHeader = { headers: [{ type: 'Exact', name: 'x-user', value: 'jason' }] };
    const hits = analyze([
      ...mesh,
      matching('b-older', jan, header),
      matching('a-newer', feb, sameHeader),
    ]).filter((f) => f.code === 'SM0503');
    expect(hits.map((f) => [f.resource.name, f.field, f.level])).toEqual([
      ['a-newer', 'spec.rules[0].matches[0]', 'warning'],
    ]);
    expect(hits[0]?.message).toMatch(
      /identical to spec.rules\[0\].matches\[0\] of HTTPRoute default\/b-older .* the older route wins/,
    );
  });

  it('SM0503: with equal timestamps, namespace/name order decides', () => {
    const m = { path: { value: '/x' } };
    const hits = analyze([...mesh, matching('b', jan, m), matching('a', jan, m)]).filter(
      (f) => f.code === 'SM0503',
    );
    expect(hits.map((f) => f.resource.name)).toEqual(['b']);
  });

  it('SM0503: rules without matches are the default match, PathPrefix /', () => {
    const hits = analyze([
      ...mesh,
      gamma('one'),
      gamma('two'),
      matching('three', feb, { path: { type: 'PathPrefix', value: '/' } }),
    ]);
    expect(hits.filter((f) => f.code === 'SM0503').map((f) => [f.resource.name, f.field])).toEqual([
      ['three', 'spec.rules[0].matches[0]'],
      ['two', 'spec.rules[0]'],
    ]);
  });

  it('SM0503: not for different matches, nor for a consumer route from another namespace', () => {
    expect(
      codes([matching('a', jan, { path: { value: '/a' } }), matching('b', feb, { path: { value: '/b' } })]),
    ).toEqual([]);
    expect(codes([matching('a', jan, { method: 'GET' }), matching('b', feb, { method: 'POST' })])).toEqual(
      [],
    );
    const consumer = matching('consumer', feb, { path: { value: '/a' } }, 'music');
    expect(codes([matching('producer', jan, { path: { value: '/a' } }), consumer])).toEqual([]);
  });
});
