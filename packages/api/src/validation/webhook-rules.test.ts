import { describe, expect, it } from 'vitest';
import { validateResource } from './validate-resource.js';

const meta = { name: 'x' };
const vs = (http: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: meta,
  spec: { hosts: ['reviews'], http, ...extra },
});
const d = (host = 'reviews', subset?: string) => ({ host, ...(subset ? { subset } : {}) });
const r = (extra: Record<string, unknown>) => vs([{ route: [{ destination: d() }], ...extra }]);
const dr = (spec: Record<string, unknown>) => ({
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'DestinationRule',
  metadata: meta,
  spec: { host: 'reviews', ...spec },
});
const gw = (servers: unknown[]) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: meta,
  spec: { servers },
});
const svc = (spec: Record<string, unknown>, name = 'reviews') => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec,
});
const se = (spec: Record<string, unknown>) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'ServiceEntry',
  metadata: meta,
  spec,
});
const sm = (
  kind: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = { name: 'default' },
) => ({
  apiVersion: 'shadowmesh.io/v1alpha1',
  kind,
  metadata,
  spec,
});

// [description, object, field, message pattern]
const rejected: [string, unknown, string, RegExp][] = [
  ['no route kind', vs([]), 'spec', /http, tcp or tls must be provided/],
  [
    'mesh wildcard host',
    vs([{ route: [{ destination: d() }] }], { hosts: ['*'] }),
    'spec.hosts[0]',
    /wildcard host \*/,
  ],
  [
    'duplicate hosts',
    vs([{ route: [{ destination: d() }] }], { hosts: ['reviews', 'reviews.default.svc.cluster.local'] }),
    'spec.hosts[1]',
    /duplicate hosts/,
  ],
  [
    'bad gateway ref',
    vs([{ route: [{ destination: d() }] }], { gateways: ['a/b/c'] }),
    'spec.gateways[0]',
    /invalid gateway/,
  ],
  [
    'negative weight',
    vs([
      {
        route: [
          { destination: d('a'), weight: -1 },
          { destination: d('b'), weight: 101 },
        ],
      },
    ]),
    'spec.http[0].route[0].weight',
    /weight -1 < 0/,
  ],
  [
    'total weight 0',
    vs([{ route: [{ destination: d('a'), weight: 0 }, { destination: d('b') }] }]),
    'spec.http[0].route',
    /total destination weight = 0/,
  ],
  [
    'destination host *',
    vs([{ route: [{ destination: d('*') }] }]),
    'spec.http[0].route[0].destination.host',
    /invalid destination host/,
  ],
  [
    'bad subset name',
    vs([{ route: [{ destination: d('a', 'V_1') }] }]),
    'spec.http[0].route[0].destination.subset',
    /subset name is invalid/,
  ],
  [
    'bad port',
    vs([{ route: [{ destination: { host: 'a', port: { number: 70000 } } }] }]),
    'spec.http[0].route[0].destination.port.number',
    /out of range/,
  ],
  [
    'nothing to do',
    vs([{ timeout: '1s' }]),
    'spec.http[0]',
    /route, redirect or direct_response is required/,
  ],
  ['route+redirect', r({ redirect: { uri: '/x' } }), 'spec.http[0]', /both route and redirect/],
  [
    'fault+redirect',
    vs([{ redirect: { uri: '/x' }, fault: { abort: { httpStatus: 500 } } }]),
    'spec.http[0]',
    /both fault and redirect/,
  ],
  [
    'rewrite+redirect',
    vs([{ redirect: { uri: '/x' }, rewrite: { uri: '/y' } }]),
    'spec.http[0]',
    /both rewrite and redirect/,
  ],
  [
    'route+directResponse',
    r({ directResponse: { status: 200 } }),
    'spec.http[0]',
    /both route and direct_response/,
  ],
  [
    'mirror+mirrors',
    r({ mirror: d('m'), mirrors: [{ destination: d('n') }] }),
    'spec.http[0]',
    /both mirror and mirrors/,
  ],
  [
    'mirrorPercentage > 100',
    r({ mirror: d('m'), mirrorPercentage: { value: 150 } }),
    'spec.http[0].mirrorPercentage.value',
    /max value of 100/,
  ],
  [
    'mirrorPercentage < 0',
    r({ mirror: d('m'), mirrorPercentage: { value: -1 } }),
    'spec.http[0].mirrorPercentage.value',
    /min value of 0/,
  ],
  [
    'mirrorPercent > 100',
    r({ mirror: d('m'), mirrorPercent: 101 }),
    'spec.http[0].mirrorPercent',
    /max value of 100/,
  ],
  [
    'mirrors percentage > 100',
    r({ mirrors: [{ destination: d('m'), percentage: { value: 101 } }] }),
    'spec.http[0].mirrors[0].percentage.value',
    /max value of 100/,
  ],
  [
    'mirrors without destination',
    r({ mirrors: [{ percentage: { value: 1 } }] }),
    'spec.http[0].mirrors[0].destination',
    /is required/,
  ],
  ['fault without abort/delay', r({ fault: {} }), 'spec.http[0].fault', /abort and\/or a delay/],
  [
    'abort status 600',
    r({ fault: { abort: { httpStatus: 600 } } }),
    'spec.http[0].fault.abort.httpStatus',
    /not in range 200-599/,
  ],
  [
    'abort grpc bogus',
    r({ fault: { abort: { grpcStatus: 'NOPE' } } }),
    'spec.http[0].fault.abort.grpcStatus',
    /not supported/,
  ],
  [
    'abort http2Error',
    r({ fault: { abort: { http2Error: 'x' } } }),
    'spec.http[0].fault.abort.http2Error',
    /HTTP\/2/,
  ],
  [
    'delay percentage',
    r({ fault: { delay: { fixedDelay: '1s', percentage: { value: 200 } } } }),
    'spec.http[0].fault.delay.percentage.value',
    /max value of 100/,
  ],
  [
    'exponentialDelay',
    r({ fault: { delay: { exponentialDelay: '1s' } } }),
    'spec.http[0].fault.delay.exponentialDelay',
    /not supported yet/,
  ],
  [
    'retries attempts 0 + perTryTimeout',
    r({ retries: { attempts: 0, perTryTimeout: '1s' } }),
    'spec.http[0].retries',
    /attempts are set to 0/,
  ],
  [
    'retries attempts < 0',
    r({ retries: { attempts: -1 } }),
    'spec.http[0].retries.attempts',
    /cannot be negative/,
  ],
  [
    'retryOn bogus',
    r({ retries: { attempts: 2, retryOn: '5xx,bogus' } }),
    'spec.http[0].retries.retryOn',
    /"bogus" is not a valid retryOn/,
  ],
  ['timeout 0s', r({ timeout: '0s' }), 'spec.http[0].timeout', /at least 1ms/],
  [
    'perTryTimeout sub-ms',
    r({ retries: { attempts: 1, perTryTimeout: '1500us' } }),
    'spec.http[0].retries.perTryTimeout',
    /ms precision/,
  ],
  [
    'redirect code 200',
    vs([{ redirect: { uri: '/x', redirectCode: 200 } }]),
    'spec.http[0].redirect.redirectCode',
    /must be 3xx/,
  ],
  [
    'redirect uri+prefixRewrite',
    vs([{ redirect: { uri: '/x', prefixRewrite: '/y' } }]),
    'spec.http[0].redirect',
    /one of uri or prefixRewrite/,
  ],
  [
    'redirect scheme',
    vs([{ redirect: { scheme: 'ftp' } }]),
    'spec.http[0].redirect.scheme',
    /http" or "https/,
  ],
  ['redirect empty', vs([{ redirect: {} }]), 'spec.http[0].redirect', /at least one of/],
  [
    'directResponse status',
    vs([{ directResponse: { status: 99 } }]),
    'spec.http[0].directResponse.status',
    /not in range/,
  ],
  [
    'rewrite uri + regex',
    r({ rewrite: { uri: '/a', uriRegexRewrite: { match: 'a', rewrite: 'b' } } }),
    'spec.http[0].rewrite',
    /one of uri or uriRegexRewrite/,
  ],
  [
    'two string match kinds',
    r({ match: [{ uri: { exact: '/a', prefix: '/b' } }] }),
    'spec.http[0].match[0].uri',
    /only one of exact, prefix or regex/,
  ],
  [
    'bad regex',
    r({ match: [{ headers: { 'x-a': { regex: '(' } } }] }),
    'spec.http[0].match[0].headers.x-a.regex',
    /invalid/,
  ],
  [
    'empty method match',
    r({ match: [{ method: {} }] }),
    'spec.http[0].match[0].method',
    /one of exact, prefix or regex is required/,
  ],
  [
    'tcp weight 0',
    vs([], { http: undefined, tcp: [{ route: [{ destination: d('a') }, { destination: d('b') }] }] }),
    'spec.tcp[0].route',
    /total destination weight = 0/,
  ],
  [
    'DR duplicate subsets',
    dr({ subsets: [{ name: 'v1' }, { name: 'v1' }] }),
    'spec.subsets[1].name',
    /duplicate subset names: v1/,
  ],
  [
    'DR bad subset label',
    dr({ subsets: [{ name: 'v1', labels: { version: 'a b' } }] }),
    'spec.subsets[0].labels.version',
    /label value/,
  ],
  ['DR empty traffic policy', dr({ trafficPolicy: {} }), 'spec.trafficPolicy', /at least one field/],
  [
    'DR empty connection pool',
    dr({ trafficPolicy: { connectionPool: {} } }),
    'spec.trafficPolicy.connectionPool',
    /at least one field/,
  ],
  [
    'DR negative pool value',
    dr({ trafficPolicy: { connectionPool: { tcp: { maxConnections: -1 } } } }),
    'spec.trafficPolicy.connectionPool.tcp.maxConnections',
    /negative/,
  ],
  [
    'DR outlier percent',
    dr({ trafficPolicy: { outlierDetection: { maxEjectionPercent: 101 } } }),
    'spec.trafficPolicy.outlierDetection.maxEjectionPercent',
    /max value of 100/,
  ],
  [
    'DR bad lb',
    dr({ trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } }),
    'spec.trafficPolicy.loadBalancer.simple',
    /must be one of UNSPECIFIED/,
  ],
  [
    'DR MUTUAL without certs',
    dr({ trafficPolicy: { tls: { mode: 'MUTUAL' } } }),
    'spec.trafficPolicy.tls.clientCertificate',
    /required for mutual tls/,
  ],
  [
    'DR ISTIO_MUTUAL with certs',
    dr({ trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL', caCertificates: '/x' } } }),
    'spec.trafficPolicy.tls.caCertificates',
    /should be empty/,
  ],
  [
    'DR local origin without split',
    dr({ trafficPolicy: { outlierDetection: { consecutiveLocalOriginFailures: 3 } } }),
    'spec.trafficPolicy.outlierDetection',
    /split external local origin errors/,
  ],
  [
    'DR port level without port',
    dr({ trafficPolicy: { portLevelSettings: [{ loadBalancer: { simple: 'RANDOM' } }] } }),
    'spec.trafficPolicy.portLevelSettings[0].port',
    /must be specified/,
  ],
  ['gateway without servers', gw([]), 'spec.servers', /at least one server/],
  [
    'gateway bad protocol',
    gw([{ port: { number: 80, protocol: 'SMTP', name: 'x' }, hosts: ['*'] }]),
    'spec.servers[0].port.protocol',
    /invalid protocol/,
  ],
  [
    'gateway HTTPS without tls',
    gw([{ port: { number: 443, protocol: 'HTTPS', name: 'x' }, hosts: ['*'] }]),
    'spec.servers[0].tls',
    /must have TLS settings/,
  ],
  [
    'gateway no hosts',
    gw([{ port: { number: 80, protocol: 'HTTP', name: 'x' }, hosts: [] }]),
    'spec.servers[0].hosts',
    /at least one host/,
  ],
  [
    'gateway bad host',
    gw([{ port: { number: 80, protocol: 'HTTP', name: 'x' }, hosts: ['a/b/c'] }]),
    'spec.servers[0].hosts[0]',
    /invalid host/,
  ],
  ['service no ports', svc({ selector: { app: 'a' } }), 'spec.ports', /at least one port/],
  ['service bad name', svc({ ports: [{ port: 80 }] }, '1abc'), 'metadata.name', /DNS-1035/],
  ['service port range', svc({ ports: [{ port: 0 }] }), 'spec.ports[0].port', /out of range/],
  [
    'service unnamed ports',
    svc({ ports: [{ port: 80 }, { port: 81 }] }),
    'spec.ports[0].name',
    /name is required/,
  ],
  [
    'service bad targetPort name',
    svc({ ports: [{ port: 80, targetPort: 'Not_A_Name' }] }),
    'spec.ports[0].targetPort',
    /IANA service name/,
  ],
  [
    'service bad protocol',
    svc({ ports: [{ port: 80, protocol: 'tcp' }] }),
    'spec.ports[0].protocol',
    /one of TCP, UDP, SCTP/,
  ],
  ['SE host *', se({ hosts: ['*'] }), 'spec.hosts[0]', /invalid host/],
  [
    'SE static without endpoints',
    se({ hosts: ['a.example.com'], resolution: 'STATIC' }),
    'spec.endpoints',
    /endpoints must be provided/,
  ],
  [
    'SE wildcard with DNS',
    se({ hosts: ['*.example.com'], resolution: 'DNS' }),
    'spec.hosts[0]',
    /wildcard host not allowed with DNS/,
  ],
  ['MeshConfig name', sm('MeshConfig', {}, { name: 'mesh' }), 'metadata.name', /must be named "default"/],
  [
    'MeshConfig namespace',
    sm('MeshConfig', {}, { name: 'default', namespace: 'music' }),
    'metadata.namespace',
    /namespace "default"/,
  ],
  [
    'MeshConfig timeout',
    sm('MeshConfig', { mirror: { timeout: '0ms' } }),
    'spec.mirror.timeout',
    /at least 1ms/,
  ],
  [
    'ShadowPolicy wildcard',
    sm('ShadowPolicy', { host: '*.example.com' }, { name: 'p' }),
    'spec.host',
    /wildcards are not allowed/,
  ],
  [
    'ShadowPolicy json path',
    sm('ShadowPolicy', { host: 'a', divergence: { ignoreJsonPaths: ['timestamp'] } }, { name: 'p' }),
    'spec.divergence.ignoreJsonPaths[0]',
    /not a supported JSON path/,
  ],
  [
    'ShadowPolicy header',
    sm('ShadowPolicy', { host: 'a', redactHeaders: ['bad header'] }, { name: 'p' }),
    'spec.redactHeaders[0]',
    /not a valid header name/,
  ],
  [
    'ShadowPolicy baseline',
    sm('ShadowPolicy', { host: 'a', baseline: { percentage: 101 } }, { name: 'p' }),
    'spec.baseline.percentage',
    /at most 100/,
  ],
];

describe('istiod webhook rules', () => {
  it.each(rejected)('rejects: %s', (_name, obj, field, message) => {
    const result = validateResource(obj);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    const hit = errors.find((e) => e.field === field);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit?.message).toMatch(message);
  });

  // [description, object, code]
  const warned: [string, unknown, string][] = [
    ['deprecated mirrorPercent', r({ mirror: d('m'), mirrorPercent: 50 }), 'SM0303'],
    [
      'weights not 100',
      vs([
        {
          route: [
            { destination: d('a'), weight: 1 },
            { destination: d('b'), weight: 1 },
          ],
        },
      ]),
      'SM0201',
    ],
    ['single destination weight 50', vs([{ route: [{ destination: d('a'), weight: 50 }] }]), 'SM0203'],
    [
      'duplicate destination',
      vs([
        {
          route: [
            { destination: d('a', 'v1'), weight: 50 },
            { destination: d('a', 'v1'), weight: 50 },
          ],
        },
      ]),
      'SM0205',
    ],
    [
      'mirror equals route destination',
      vs([
        {
          route: [{ destination: d('reviews', 'v1') }],
          mirror: d('reviews.default.svc.cluster.local', 'v1'),
        },
      ]),
      'SM0304',
    ],
    ['mirror percentage 0', r({ mirror: d('m'), mirrorPercentage: { value: 0 } }), 'SM0306'],
    ['abort without error type', r({ fault: { abort: { percentage: { value: 1 } } } }), 'SM0902'],
    ['ISTIO_MUTUAL', dr({ trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }), 'SM0402'],
    ['consecutiveErrors', dr({ trafficPolicy: { outlierDetection: { consecutiveErrors: 5 } } }), 'SM0404'],
  ];

  it.each(warned)('accepts with a warning: %s', (_name, obj, code) => {
    const result = validateResource(obj);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.warnings.map((w) => w.code)).toContain(code);
  });

  it.each([
    [
      'weights 90/10',
      vs([
        {
          route: [
            { destination: d('a'), weight: 90 },
            { destination: d('b'), weight: 10 },
          ],
        },
      ]),
    ],
    [
      'weight 0 beside 100',
      vs([
        {
          route: [
            { destination: d('a'), weight: 100 },
            { destination: d('b'), weight: 0 },
          ],
        },
      ]),
    ],
    [
      'delegate VS without hosts',
      { ...vs([{ route: [{ destination: d() }] }]), spec: { http: [{ route: [{ destination: d() }] }] } },
    ],
    ['gateway-bound * host', vs([{ route: [{ destination: d() }] }], { hosts: ['*'], gateways: ['gw'] })],
    ['regex with (?i)', r({ match: [{ uri: { regex: '(?i)/api/.*' } }] })],
    ['header presence match', r({ match: [{ headers: { 'x-debug': {} }, queryParams: { q: {} } }] })],
    [
      'retries with attempts',
      r({ retries: { attempts: 3, perTryTimeout: '2s', retryOn: 'gateway-error,connect-failure,503' } }),
    ],
    ['fault delay', r({ fault: { delay: { fixedDelay: '7s', percentage: { value: 100 } } } })],
    ['headless service', svc({ clusterIP: 'None', selector: { app: 'a' } })],
    ['service targetPort name', svc({ ports: [{ port: 80, targetPort: 'http' }] })],
    [
      'SE external',
      se({
        hosts: ['httpbin.org'],
        ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
        resolution: 'DNS',
        location: 'MESH_EXTERNAL',
      }),
    ],
    [
      'MeshConfig full',
      sm('MeshConfig', {
        shadowHostSuffix: false,
        mirror: { maxInFlight: 10, timeout: '2s', maxBodyBytes: 10 },
        flowSampling: 1,
        captureBodyBytes: 0,
        outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
      }),
    ],
    [
      'ShadowPolicy full',
      sm(
        'ShadowPolicy',
        {
          host: 'httpbin',
          redactHeaders: ['authorization'],
          divergence: { ignoreJsonPaths: ['$.headers.Date', "$.items[*]['x-id']"], ignoreHeaders: ['date'] },
          baseline: { percentage: 10 },
        },
        { name: 'p' },
      ),
    ],
  ])('accepts cleanly: %s', (_name, obj) => {
    const result = validateResource(obj);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.warnings).toEqual([]);
  });
});
