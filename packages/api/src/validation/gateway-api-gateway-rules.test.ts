// Gateway (gateway.networking.k8s.io) validation, table-driven. Most cases are the Gateway API CRD
// validation tests (kubernetes-sigs/gateway-api v1.2.1 pkg/test/cel/gateway_test.go and
// hack/invalid-examples/standard/gateway/), each asserting the field path and the CEL message.
import { describe, expect, it } from 'vitest';
import { validateResource } from './validate-resource.js';

type Obj = Record<string, unknown>;
const gateway = (spec: Obj) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'foo' },
  spec: { gatewayClassName: 'foo', ...spec },
});
const listeners = (...ls: Obj[]) => gateway({ listeners: ls });
const l = (name: string, protocol: string, port: number, extra: Obj = {}) => ({
  name,
  protocol,
  port,
  ...extra,
});
const http = l('http', 'HTTP', 80);
const cert = { certificateRefs: [{ name: 'foo' }] };

// [case, Gateway, field, message (literal text, or a pattern)]
const rejected: [string, unknown, string, string | RegExp][] = [
  [
    'tls with HTTP',
    listeners(l('http', 'HTTP', 8080, { tls: cert })),
    'spec.listeners[0].tls',
    "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
  ],
  [
    'tls with TCP (tlsconfig-tcp)',
    listeners(
      l('tcp', 'TCP', 443, {
        tls: { certificateRefs: [{ kind: 'Secret', group: '', name: 'bar-example-com-cert' }] },
      }),
    ),
    'spec.listeners[0].tls',
    "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
  ],
  [
    'tls with UDP',
    listeners(l('udp', 'UDP', 53, { tls: cert })),
    'spec.listeners[0].tls',
    "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
  ],
  [
    'HTTPS with Passthrough (invalid-tls-mode)',
    listeners(l('https', 'HTTPS', 8080, { tls: { mode: 'Passthrough' } })),
    'spec.listeners[0].tls.mode',
    'tls mode must be Terminate for protocol HTTPS',
  ],
  [
    'hostname with TCP (hostname-tcp)',
    listeners(l('example', 'TCP', 80, { hostname: 'example.com' })),
    'spec.listeners[0].hostname',
    "hostname must not be specified for protocols ['TCP', 'UDP']",
  ],
  [
    'hostname with UDP (hostname-udp)',
    listeners(l('example', 'UDP', 80, { hostname: 'example.com' })),
    'spec.listeners[0].hostname',
    "hostname must not be specified for protocols ['TCP', 'UDP']",
  ],
  [
    'HTTPS Terminate without certificateRefs',
    listeners(l('https', 'HTTPS', 8443, { tls: { mode: 'Terminate' } })),
    'spec.listeners[0].tls',
    'certificateRefs or options must be specified when mode is Terminate',
  ],
  [
    'TLS Terminate without certificateRefs',
    listeners(l('tls', 'TLS', 8443, { tls: { mode: 'Terminate' } })),
    'spec.listeners[0].tls',
    'certificateRefs or options must be specified when mode is Terminate',
  ],
  [
    'listener names not unique',
    listeners(l('http', 'HTTP', 80), l('http', 'HTTP', 8000), l('http', 'HTTP', 8080)),
    'spec.listeners[1].name',
    'Listener name must be unique within the Gateway',
  ],
  [
    'duplicate-listeners',
    listeners(l('same', 'HTTP', 80), l('same', 'HTTP', 443)),
    'spec.listeners[1].name',
    'Listener name must be unique within the Gateway',
  ],
  [
    'port, protocol and hostname not unique',
    listeners(l('foo', 'HTTP', 80, { hostname: 'foo.com' }), l('bar', 'HTTP', 80, { hostname: 'foo.com' })),
    'spec.listeners[1]',
    'Combination of port, protocol and hostname must be unique for each listener',
  ],
  [
    'port and protocol not unique, no hostnames',
    listeners(l('foo', 'HTTP', 80), l('bar', 'HTTP', 80)),
    'spec.listeners[1]',
    'Combination of port, protocol and hostname must be unique for each listener',
  ],
  [
    'invalid listener name (bad>)',
    listeners(l('bad>', 'HTTP', 80)),
    'spec.listeners[0].name',
    /DNS-1123 subdomain/,
  ],
  [
    'invalid listener port',
    listeners(l('foo', 'HTTP', 123456789)),
    'spec.listeners[0].port',
    /out of range 1-65535/,
  ],
  ['listener port 0', listeners(l('foo', 'HTTP', 0)), 'spec.listeners[0].port', /out of range 1-65535/],
  [
    'unknown protocol',
    listeners(l('grpc', 'GRPC', 80)),
    'spec.listeners[0].protocol',
    'protocol must be one of HTTP, HTTPS, TLS, TCP, UDP (got "GRPC")',
  ],
  [
    'listener hostname IP',
    listeners(l('http', 'HTTP', 80, { hostname: '10.0.0.1' })),
    'spec.listeners[0].hostname',
    /is an IP address/,
  ],
  [
    'listener hostname with port',
    listeners(l('http', 'HTTP', 80, { hostname: 'example.com:80' })),
    'spec.listeners[0].hostname',
    /must not include a port/,
  ],
  ['no listeners', gateway({ listeners: [] }), 'spec.listeners', 'must have at least 1 item'],
  [
    '65 listeners',
    gateway({ listeners: Array.from({ length: 65 }, (_, i) => l(`l${i}`, 'HTTP', 1000 + i)) }),
    'spec.listeners',
    'must have at most 64 items (has 65)',
  ],
  [
    'no listeners field',
    { ...gateway({}), spec: { gatewayClassName: 'foo' } },
    'spec.listeners',
    'is required',
  ],
  [
    'no gatewayClassName',
    { ...gateway({}), spec: { listeners: [http] } },
    'spec.gatewayClassName',
    'is required',
  ],
  [
    'empty gatewayClassName',
    gateway({ gatewayClassName: '', listeners: [http] }),
    'spec.gatewayClassName',
    /must not be empty/,
  ],
  [
    'Selector without a selector',
    listeners(l('http', 'HTTP', 80, { allowedRoutes: { namespaces: { from: 'Selector' } } })),
    'spec.listeners[0].allowedRoutes.namespaces.selector',
    'selector must be specified when from is Selector',
  ],
  [
    'selector expression operator',
    listeners(
      l('http', 'HTTP', 80, {
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] },
          },
        },
      }),
    ),
    'spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].operator',
    /operator must be one of In, NotIn, Exists, DoesNotExist/,
  ],
  [
    'selector In without values',
    listeners(
      l('http', 'HTTP', 80, {
        allowedRoutes: {
          namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'a', operator: 'In' }] } },
        },
      }),
    ),
    'spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].values',
    /must be non-empty/,
  ],
  [
    'selector label value',
    listeners(
      l('http', 'HTTP', 80, {
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a b' } } } },
      }),
    ),
    'spec.listeners[0].allowedRoutes.namespaces.selector.matchLabels.team',
    /label value/,
  ],
  [
    'allowed route kind',
    listeners(l('http', 'HTTP', 80, { allowedRoutes: { kinds: [{ kind: '*' }] } })),
    'spec.listeners[0].allowedRoutes.kinds[0].kind',
    /kind "\*" must be/,
  ],
  [
    'unknown from',
    listeners(l('http', 'HTTP', 80, { allowedRoutes: { namespaces: { from: 'Others' } } })),
    'spec.listeners[0].allowedRoutes.namespaces.from',
    /must be one of All, Same, Selector/,
  ],
  [
    'IPAddress with a port',
    gateway({ listeners: [http], addresses: [{ type: 'IPAddress', value: '1.2.3.4:8080' }] }),
    'spec.addresses[0].value',
    /not an IP address/,
  ],
  [
    'address defaults to IPAddress (invalid-addresses)',
    gateway({ listeners: [http], addresses: [{ value: '1.a.3.4' }] }),
    'spec.addresses[0].value',
    /not an IP address/,
  ],
  [
    'Hostname address with a port',
    gateway({ listeners: [http], addresses: [{ type: 'Hostname', value: 'foo.com:80' }] }),
    'spec.addresses[0].value',
    /must not include a port/,
  ],
  [
    'duplicate IP address',
    gateway({
      listeners: [http],
      addresses: [
        { type: 'IPAddress', value: '1.2.3.4' },
        { type: 'IPAddress', value: '1.2.3.4' },
      ],
    }),
    'spec.addresses[1]',
    'IPAddress values must be unique',
  ],
  [
    'duplicate hostname address',
    gateway({
      listeners: [http],
      addresses: [
        { type: 'Hostname', value: 'foo.bar' },
        { type: 'Hostname', value: 'foo.bar' },
      ],
    }),
    'spec.addresses[1]',
    'Hostname values must be unique',
  ],
];

// [case, Gateway]: valid in the CRD tests, and here (warnings allowed).
const accepted: [string, unknown][] = [
  ['HTTPS with certificateRefs and no mode', listeners(l('https', 'HTTPS', 8080, { tls: cert }))],
  ['HTTPS without tls', listeners(l('https', 'HTTPS', 8443))],
  ['TLS without tls', listeners(l('tls', 'TLS', 8443))],
  ['HTTP without tls', listeners(l('http', 'HTTP', 8080))],
  ['TCP without tls', listeners(l('tcp', 'TCP', 8080))],
  ['UDP without tls', listeners(l('udp', 'UDP', 8080))],
  [
    'HTTPS Terminate with certificateRefs',
    listeners(l('https', 'HTTPS', 8443, { tls: { mode: 'Terminate', ...cert } })),
  ],
  [
    'TLS Terminate with certificateRefs',
    listeners(l('tls', 'TLS', 8443, { tls: { mode: 'Terminate', ...cert } })),
  ],
  [
    'HTTPS Terminate with options',
    listeners(
      l('https', 'HTTPS', 8443, {
        tls: { mode: 'Terminate', options: { 'networking.example.com/tls-version': '1.2' } },
      }),
    ),
  ],
  ['TLS Passthrough', listeners(l('tls', 'TLS', 8443, { tls: { mode: 'Passthrough' } }))],
  [
    'unique listener names',
    listeners(l('http-1', 'HTTP', 80), l('http-2', 'HTTP', 8000), l('http-3', 'HTTP', 8080)),
  ],
  [
    'port unique',
    listeners(l('foo', 'HTTP', 80, { hostname: 'foo.com' }), l('bar', 'HTTP', 8000, { hostname: 'foo.com' })),
  ],
  [
    'hostname unique',
    listeners(l('foo', 'HTTP', 80, { hostname: 'foo.com' }), l('bar', 'HTTP', 80, { hostname: 'bar.com' })),
  ],
  ['one omitted hostname', listeners(l('foo', 'HTTP', 80, { hostname: 'foo.com' }), l('bar', 'HTTP', 80))],
  [
    'protocol unique',
    listeners(
      l('foo', 'HTTP', 80, { hostname: 'foo.com' }),
      l('bar', 'HTTPS', 80, { hostname: 'foo.com', tls: cert }),
    ),
  ],
  ['wildcard listener hostname', listeners(l('http', 'HTTP', 80, { hostname: '*.example.com' }))],
  ['dotted listener name', listeners(l('http.web', 'HTTP', 80))],
  [
    'IP and hostname addresses',
    gateway({
      listeners: [http],
      addresses: [
        { type: 'IPAddress', value: '1.2.3.4' },
        { type: 'IPAddress', value: '1111:2222:3333:4444::' },
        { type: 'Hostname', value: 'foo.bar' },
      ],
    }),
  ],
  [
    'allowedRoutes from All',
    listeners(l('http', 'HTTP', 80, { allowedRoutes: { namespaces: { from: 'All' } } })),
  ],
  [
    'allowedRoutes from a selector',
    listeners(
      l('http', 'HTTP', 80, {
        allowedRoutes: {
          kinds: [{ kind: 'HTTPRoute' }],
          namespaces: { from: 'Selector', selector: { matchLabels: { 'expose-apps': 'true' } } },
        },
      }),
    ),
  ],
];

describe('Gateway (gateway.networking.k8s.io) validation', () => {
  it.each(rejected)('refuses: %s', (_, obj, field, message) => {
    const r = validateResource(obj);
    const errors = r.ok ? [] : r.errors;
    const hit = errors.find(
      (e) =>
        e.field === field && (typeof message === 'string' ? e.message === message : message.test(e.message)),
    );
    expect(hit, JSON.stringify(errors, null, 1)).toBeDefined();
  });

  it.each(accepted)('accepts: %s', (_, obj) => {
    const r = validateResource(obj);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it.each(['HTTPS', 'TLS', 'TCP', 'UDP'])(
    'accepts a %s listener with a warning that only HTTP is served',
    (p) => {
      const r = validateResource(listeners(l('x', p, 8443)));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.resource.kind).toBe('KubernetesGateway');
      expect(r.warnings.map((w) => [w.code, w.level, w.field])).toEqual([
        ['SM0902', 'warning', 'spec.listeners[0].protocol'],
      ]);
      expect(r.warnings[0]?.message).toMatch(/serve HTTP listeners only/);
    },
  );

  it('accepts an HTTP listener without any warning', () => {
    const r = validateResource(listeners(http));
    expect(r.ok && r.warnings).toEqual([]);
  });
});
