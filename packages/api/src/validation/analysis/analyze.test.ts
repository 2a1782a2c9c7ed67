import { describe, expect, it } from 'vitest';
import type { MeshResource } from '../../resources/mesh-resource.js';
import { ANALYSIS_CODES, type AnalysisCode, isAnalysisCode } from '../analysis-codes.js';
import { analyze } from './analyze.js';
import type { AnalysisWorkload } from './mesh-index.js';

const meta = (name: string, namespace = 'default') => ({ name, namespace });
const service = (name: string, ns = 'default'): MeshResource => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta(name, ns),
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 8000 }] },
});
const rule = (name: string, subsets: string[], extra: object = {}, ns = 'default'): MeshResource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: meta(`${name}-${subsets.join('')}`, ns),
  spec: { host: name, subsets: subsets.map((s) => ({ name: s, labels: { version: s } })), ...extra },
});
type Http = NonNullable<Extract<MeshResource, { kind: 'VirtualService' }>['spec']['http']>[number];
const vs = (name: string, http: Http[], extra: object = {}, ns = 'default'): MeshResource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: meta(name, ns),
  spec: { hosts: ['httpbin'], http, ...extra },
});
const to = (host: string, subset?: string, weight?: number) => ({
  destination: { host, ...(subset ? { subset } : {}) },
  ...(weight !== undefined ? { weight } : {}),
});

// The httpbin tutorial mesh: Service, DestinationRule v1/v2, and both versions running.
const base: MeshResource[] = [service('httpbin'), rule('httpbin', ['v1', 'v2'])];
const workloads: AnalysisWorkload[] = [
  { namespace: 'default', labels: { app: 'httpbin', version: 'v1' } },
  { namespace: 'default', labels: { app: 'httpbin', version: 'v2' } },
];
const mirrorVs = vs('httpbin', [
  { route: [to('httpbin', 'v1', 100)], mirror: { host: 'httpbin', subset: 'v2' } },
]);

// Gateway API: an HTTPRoute (mesh routes attach to a Service, `svcParent`), and a Gateway with listeners.
const httpRoute = (name: string, spec: object, ns = 'default', created?: string): MeshResource =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { ...meta(name, ns), ...(created ? { creationTimestamp: created } : {}) },
    spec,
  }) as MeshResource;
const svcParent = (name = 'httpbin', extra: object = {}) => ({ group: '', kind: 'Service', name, ...extra });
const kubeGateway = (name: string, listeners: object[], ns = 'default'): MeshResource =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'KubernetesGateway',
    metadata: meta(name, ns),
    spec: { gatewayClassName: 'istio', listeners },
  }) as MeshResource;
const toHttpbin = { backendRefs: [{ name: 'httpbin', port: 8000 }] };
const mirrorTo = (name: string, port = 8000) => ({
  type: 'RequestMirror',
  requestMirror: { backendRef: { name, port } },
});

// [code, extra resources, workloads (undefined = unknown), expected field]
const cases: [AnalysisCode, MeshResource[], AnalysisWorkload[] | undefined, string][] = [
  ['SM0101', [vs('a', [{ route: [to('nope')] }])], workloads, 'spec.http[0].route[0].destination.host'],
  [
    'SM0102',
    [vs('a', [{ route: [to('httpbin', 'v1')], mirror: { host: 'nope' } }])],
    workloads,
    'spec.http[0].mirror.host',
  ],
  [
    'SM0103',
    [vs('a', [{ route: [to('httpbin', 'v9')] }])],
    workloads,
    'spec.http[0].route[0].destination.subset',
  ],
  [
    'SM0104',
    [
      vs('a', [
        { route: [to('httpbin', 'v1')], mirrors: [{ destination: { host: 'httpbin', subset: 'v9' } }] },
      ]),
    ],
    workloads,
    'spec.http[0].mirrors[0].destination.subset',
  ],
  [
    'SM0105',
    [vs('a', [{ route: [to('httpbin')] }], { gateways: ['missing-gw'] })],
    workloads,
    'spec.gateways[0]',
  ],
  ['SM0106', [rule('ghost', ['v1'])], workloads, 'spec.host'],
  [
    'SM0107',
    [
      {
        apiVersion: 'shadowmesh.io/v1alpha1',
        kind: 'ShadowPolicy',
        metadata: meta('p'),
        spec: { host: 'ghost' },
      },
    ],
    workloads,
    'spec.host',
  ],
  [
    'SM0201',
    [vs('a', [{ route: [to('httpbin', 'v1', 1), to('httpbin', 'v2', 1)] }])],
    workloads,
    'spec.http[0].route',
  ],
  [
    'SM0202',
    [vs('a', [{ route: [to('httpbin', 'v1'), to('httpbin', 'v2')] }])],
    workloads,
    'spec.http[0].route',
  ],
  ['SM0203', [vs('a', [{ route: [to('httpbin', 'v1', 90)] }])], workloads, 'spec.http[0].route[0].weight'],
  [
    'SM0204',
    [vs('a', [{ route: [to('httpbin', 'v1', -10), to('httpbin', 'v2', 110)] }])],
    workloads,
    'spec.http[0].route[0].weight',
  ],
  [
    'SM0205',
    [vs('a', [{ route: [to('httpbin', 'v1', 50), to('httpbin', 'v1', 50)] }])],
    workloads,
    'spec.http[0].route[1].destination',
  ],
  [
    'SM0301',
    [
      vs('a', [
        {
          route: [to('httpbin', 'v1')],
          mirror: { host: 'httpbin', subset: 'v2' },
          mirrors: [{ destination: { host: 'httpbin', subset: 'v2' } }],
        },
      ]),
    ],
    workloads,
    'spec.http[0]',
  ],
  [
    'SM0302',
    [
      vs('a', [
        {
          route: [to('httpbin', 'v1')],
          mirror: { host: 'httpbin', subset: 'v2' },
          mirrorPercentage: { value: 120 },
        },
      ]),
    ],
    workloads,
    'spec.http[0].mirrorPercentage.value',
  ],
  [
    'SM0303',
    [
      vs('a', [
        { route: [to('httpbin', 'v1')], mirror: { host: 'httpbin', subset: 'v2' }, mirrorPercent: 50 },
      ]),
    ],
    workloads,
    'spec.http[0].mirrorPercent',
  ],
  [
    'SM0304',
    [
      vs('a', [
        { route: [to('httpbin', 'v1')], mirror: { host: 'httpbin.default.svc.cluster.local', subset: 'v1' } },
      ]),
    ],
    workloads,
    'spec.http[0].mirror',
  ],
  ['SM0305', [mirrorVs], [workloads[0]!], 'spec.http[0].mirror'],
  [
    'SM0306',
    [
      vs('a', [
        {
          route: [to('httpbin', 'v1')],
          mirror: { host: 'httpbin', subset: 'v2' },
          mirrorPercentage: { value: 0 },
        },
      ]),
    ],
    workloads,
    'spec.http[0].mirrorPercentage',
  ],
  [
    'SM0108',
    [httpRoute('a', { parentRefs: [svcParent('nope')], rules: [toHttpbin] })],
    workloads,
    'spec.parentRefs[0]',
  ],
  [
    'SM0109',
    [httpRoute('a', { parentRefs: [svcParent()], rules: [{ backendRefs: [{ name: 'nope', port: 8000 }] }] })],
    workloads,
    'spec.rules[0].backendRefs[0].name',
  ],
  [
    'SM0110',
    [httpRoute('a', { parentRefs: [svcParent()], rules: [{ ...toHttpbin, filters: [mirrorTo('nope')] }] })],
    workloads,
    'spec.rules[0].filters[0].requestMirror.backendRef.name',
  ],
  [
    'SM0111',
    [
      httpRoute('a', {
        parentRefs: [svcParent()],
        rules: [{ backendRefs: [{ name: 'httpbin', port: 9999 }] }],
      }),
    ],
    workloads,
    'spec.rules[0].backendRefs[0].port',
  ],
  [
    'SM0112',
    [
      kubeGateway('gw', [{ name: 'http', port: 80, protocol: 'HTTP' }], 'infra'),
      httpRoute('a', { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [toHttpbin] }),
    ],
    workloads,
    'spec.parentRefs[0]',
  ],
  [
    'SM0113',
    [
      kubeGateway('gw', [{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }]),
      httpRoute('a', { parentRefs: [{ name: 'gw' }], hostnames: ['foo.example.net'], rules: [toHttpbin] }),
    ],
    workloads,
    'spec.parentRefs[0]',
  ],
  ['SM0401', [rule('httpbin', ['v3'])], workloads, 'spec.subsets[0]'],
  [
    'SM0402',
    [rule('httpbin', ['v1'], { trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } })],
    workloads,
    'spec.trafficPolicy.tls.mode',
  ],
  ['SM0403', [rule('httpbin', ['v1'])], workloads, 'spec.host'],
  [
    'SM0404',
    [rule('httpbin', ['v1'], { trafficPolicy: { outlierDetection: { consecutiveErrors: 3 } } })],
    workloads,
    'spec.trafficPolicy.outlierDetection.consecutiveErrors',
  ],
  [
    'SM0405',
    [
      rule('httpbin', ['v1'], {
        trafficPolicy: { connectionPool: { http: { maxRetries: 3, http1MaxPendingRequests: 1 } } },
      }),
    ],
    workloads,
    'spec.trafficPolicy.connectionPool.http.maxRetries',
  ],
  [
    'SM0501',
    [
      mirrorVs,
      vs('other', [{ route: [to('httpbin', 'v1')] }], { hosts: ['httpbin.default.svc.cluster.local'] }),
    ],
    workloads,
    'spec.hosts[0]',
  ],
  [
    'SM0502',
    [mirrorVs, httpRoute('a', { parentRefs: [svcParent()], rules: [toHttpbin] })],
    workloads,
    'spec.hosts[0]',
  ],
  [
    'SM0503',
    [
      httpRoute(
        'old',
        { parentRefs: [svcParent()], rules: [{ matches: [{ path: { value: '/a' } }], ...toHttpbin }] },
        'default',
        '2024-01-01T00:00:00Z',
      ),
      httpRoute(
        'new',
        {
          parentRefs: [svcParent()],
          rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a' } }], ...toHttpbin }],
        },
        'default',
        '2024-02-01T00:00:00Z',
      ),
    ],
    workloads,
    'spec.rules[0].matches[0]',
  ],
  [
    'SM0601',
    [1, 2].map(
      (i): MeshResource => ({
        apiVersion: 'shadowmesh.io/v1alpha1',
        kind: 'ShadowPolicy',
        metadata: meta(`p${i}`),
        spec: { host: 'httpbin' },
      }),
    ),
    workloads,
    'spec.host',
  ],
  [
    'SM0701',
    [vs('a', [{ route: [to('httpbin', 'v1')], headers: { request: { remove: ['content-length'] } } }])],
    workloads,
    'spec.http[0].headers.request.remove[0]',
  ],
  ['SM0901', [vs('a', [{ route: [to('httpbin', 'v1')], timeout: '0s' }])], workloads, 'spec.http[0].timeout'],
  [
    'SM0902',
    [vs('a', [{ route: [to('httpbin', 'v1')], fault: { abort: { percentage: { value: 5 } } } }])],
    workloads,
    'spec.http[0].fault.abort',
  ],
  [
    'SM0903',
    [vs('a', [{ route: [to('httpbin', 'v1')], mirrorPercentge: { value: 5 } } as Http])],
    workloads,
    'spec.http[0].mirrorPercentge',
  ],
];

describe('analyze', () => {
  it('covers every code of the catalogue with a case', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(Object.keys(ANALYSIS_CODES)));
  });

  it.each(cases)('%s', (code, extra, wl, field) => {
    const findings = analyze([...base, ...extra], wl);
    for (const f of findings) {
      expect(isAnalysisCode(f.code)).toBe(true);
      expect(f.level).toBe(ANALYSIS_CODES[f.code].level);
    }
    const hit = findings.find((f) => f.code === code);
    expect(hit, JSON.stringify(findings, null, 1)).toBeDefined();
    expect(hit?.field).toBe(field);
    expect(hit?.message.length).toBeGreaterThan(10);
  });

  it('finds nothing wrong with the httpbin mirroring tutorial', () => {
    expect(analyze([...base, mirrorVs], workloads)).toEqual([]);
  });

  it('skips workload rules when workloads are unknown', () => {
    const findings = analyze([...base, rule('httpbin', ['v3']), mirrorVs]);
    expect(findings.map((f) => f.code)).not.toContain('SM0401');
    expect(findings.map((f) => f.code)).not.toContain('SM0305');
  });

  it('resolves short names in the VirtualService namespace', () => {
    const music: MeshResource[] = [
      service('back', 'music'),
      rule('back', ['v2', 'v3'], {}, 'music'),
      vs(
        'back',
        [{ route: [to('back', 'v2', 100)], mirror: { host: 'back', subset: 'v3' } }],
        { hosts: ['back'] },
        'music',
      ),
    ];
    expect(analyze(music)).toEqual([]);
    const wrongNs = vs('back', [{ route: [to('back', 'v2')] }], { hosts: ['back'] }, 'default');
    expect(analyze([...music, wrongNs]).map((f) => f.code)).toContain('SM0101');
  });

  it('accepts ServiceEntry hosts, including wildcards', () => {
    const entry: MeshResource = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: meta('ext'),
      spec: {
        hosts: ['*.example.com'],
        ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
        resolution: 'NONE',
      },
    };
    const route = vs('ext', [{ route: [to('api.example.com')], mirror: { host: 'shadow.example.com' } }], {
      hosts: ['api.example.com'],
    });
    expect(analyze([entry, route], [])).toEqual([]);
  });

  it('resolves gateways by name in the VirtualService namespace or ns/name', () => {
    const gw: MeshResource = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: meta('music-gateway', 'music'),
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      },
    };
    const inNs = vs(
      'a',
      [{ route: [to('httpbin.default.svc.cluster.local')] }],
      { hosts: ['*'], gateways: ['music-gateway'] },
      'music',
    );
    const qualified = vs('b', [{ route: [to('httpbin')] }], {
      hosts: ['x.example.com'],
      gateways: ['music/music-gateway'],
    });
    const codes = analyze([...base, gw, inNs, qualified]).map((f) => f.code);
    expect(codes).not.toContain('SM0105');
  });

  it('sorts findings deterministically', () => {
    const extra = cases.flatMap((c) => c[1]);
    const a = analyze([...base, ...extra], workloads);
    const b = analyze([...[...base, ...extra].reverse()], workloads);
    expect(a.map((f) => [f.resource.kind, f.resource.name, f.code, f.field])).toEqual(
      b.map((f) => [f.resource.kind, f.resource.name, f.code, f.field]),
    );
  });
});
