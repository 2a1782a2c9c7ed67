import type { Resource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { compileRouteTable } from './route-table.js';
import { dr, fwd, gateway, httpbinWorld, req, service, sub, vs, workload } from './testing/fixtures.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { RouteTable } from './types.js';

function gatewayTable(
  resources: Resource[],
  labels: Record<string, string> = { istio: 'ingressgateway' },
): RouteTable {
  const w = httpbinWorld();
  return compileRouteTable({
    resources: [...w.resources, ...resources],
    endpoints: w.endpoints,
    proxy: { kind: 'gateway', namespace: 'istio-system', labels, name: 'ingress' },
    version: 'gw-1',
  });
}

const gw = (hosts: string[], extra: Record<string, unknown> = {}) =>
  gateway('gw', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts, ...extra }],
  });
const toV2 = { route: [{ destination: { host: 'httpbin', subset: 'v2' } }] };
const rnd = () => mulberry32(1);

describe('gateway proxies (Istio Gateway + gateway-bound VirtualService)', () => {
  it('serves a VirtualService naming a Gateway whose selector matches the proxy', () => {
    const t = gatewayTable([gw(['*']), vs('front', { hosts: ['*'], gateways: ['gw'], http: [toV2] })]);
    expect(fwd(t.route(req('127.0.0.1:8080', '/x', { port: 80 }), rnd())).cluster.subset).toBe('v2');
  });

  it('ignores Gateways whose selector does not match the proxy labels', () => {
    const t = gatewayTable([gw(['*']), vs('front', { hosts: ['*'], gateways: ['gw'], http: [toV2] })], {
      istio: 'egress',
    });
    expect(t.route(req('example.org', '/', { port: 80 }), rnd())).toMatchObject({
      kind: 'reject',
      status: 404,
    });
  });

  it('does not serve mesh-only VirtualServices or registry hosts without a VirtualService (404 NR, not passthrough)', () => {
    const t = gatewayTable([gw(['*']), vs('mesh', { hosts: ['httpbin'], http: [toV2] })]);
    expect(t.route(req('httpbin:8000', '/', { port: 80 }), rnd())).toMatchObject({
      kind: 'reject',
      status: 404,
      flag: 'NR',
    });
  });

  it('routes by request authority: server hosts intersected with VirtualService hosts', () => {
    const t = gatewayTable([
      gw(['*.example.com']),
      vs('a', { hosts: ['a.example.com', 'b.other.com'], gateways: ['default/gw'], http: [toV2] }),
    ]);
    expect(fwd(t.route(req('a.example.com', '/', { port: 80 }), rnd())).cluster.subset).toBe('v2');
    expect(t.route(req('b.other.com', '/', { port: 80 }), rnd()).kind).toBe('reject');
  });

  it('server hosts with a namespace part only admit VirtualServices of that namespace', () => {
    const t = gatewayTable([
      gw(['prod/*']),
      vs('a', { hosts: ['*'], gateways: ['default/gw'], http: [toV2] }),
    ]);
    expect(t.route(req('x.org', '/', { port: 80 }), rnd()).kind).toBe('reject');
  });

  it('match-level gateways select blocks per Gateway; `mesh` blocks are not served at gateways', () => {
    const t = gatewayTable([
      gw(['*']),
      vs('a', {
        hosts: ['*'],
        gateways: ['gw', 'mesh'],
        http: [
          { match: [{ gateways: ['mesh'] }], route: [{ destination: { host: 'httpbin', subset: 'v1' } }] },
          { match: [{ gateways: ['gw'], uri: { prefix: '/' } }], ...toV2 },
        ],
      }),
    ]);
    expect(fwd(t.route(req('x.org', '/', { port: 80 }), rnd())).cluster.subset).toBe('v2');
  });

  it('routes by server port when the request port is a server port', () => {
    const t = gatewayTable([
      gateway('gw', {
        selector: { istio: 'ingressgateway' },
        servers: [
          { port: { number: 80, protocol: 'HTTP' }, hosts: ['a.org'] },
          { port: { number: 8080, protocol: 'HTTP' }, hosts: ['b.org'] },
        ],
      }),
      vs('a', { hosts: ['a.org', 'b.org'], gateways: ['gw'], http: [toV2] }),
    ]);
    expect(t.route(req('b.org', '/', { port: 80 }), rnd()).kind).toBe('reject');
    expect(t.route(req('b.org', '/', { port: 8080 }), rnd()).kind).toBe('forward');
    // A port no server declares (the proxy's own listen port): servers are tried in order.
    expect(t.route(req('b.org', '/', { port: 18080 }), rnd()).kind).toBe('forward');
  });

  it('tls.httpsRedirect on an HTTP server answers 301 to https', () => {
    const t = gatewayTable([
      gw(['*'], { tls: { httpsRedirect: true } }),
      vs('a', { hosts: ['*'], gateways: ['gw'], http: [toV2] }),
    ]);
    expect(t.route(req('shop.org', '/cart?x=1', { port: 80 }), rnd())).toEqual({
      kind: 'redirect',
      status: 301,
      location: 'https://shop.org/cart?x=1',
    });
  });

  it('several VirtualServices for one gateway host are concatenated in creation order', () => {
    const t = gatewayTable([
      gw(['*']),
      vs('a', { hosts: ['*'], gateways: ['gw'], http: [{ match: [{ uri: { prefix: '/a' } }], ...toV2 }] }),
      vs('b', {
        hosts: ['*'],
        gateways: ['gw'],
        http: [{ route: [{ destination: { host: 'httpbin', subset: 'v1' } }] }],
      }),
    ]);
    expect(fwd(t.route(req('x.org', '/a', { port: 80 }), rnd())).cluster.subset).toBe('v2');
    expect(fwd(t.route(req('x.org', '/b', { port: 80 }), rnd())).cluster.subset).toBe('v1');
  });

  it('destination short names resolve in the VirtualService namespace, not the gateway’s', () => {
    const back = [
      service('back', [80], 'music'),
      dr('back', { host: 'back', subsets: [sub('v1')] }, 'music'),
    ];
    const w = workload('back', 'v1', 'music');
    const t = compileRouteTable({
      resources: [
        ...back,
        gateway(
          'gw',
          {
            selector: { istio: 'ingressgateway' },
            servers: [{ port: { number: 80, protocol: 'HTTP' }, hosts: ['*'] }],
          },
          'music',
        ),
        vs(
          'b',
          { hosts: ['*'], gateways: ['gw'], http: [{ route: [{ destination: { host: 'back' } }] }] },
          'music',
        ),
      ],
      endpoints: [w],
      proxy: { kind: 'gateway', namespace: 'istio-system', labels: { istio: 'ingressgateway' } },
      version: '1',
    });
    const c = fwd(t.route(req('x', '/', { port: 80 }), rnd())).cluster;
    expect(c.name).toBe('outbound|80||back.music.svc.cluster.local');
    expect(c.endpoints[0]?.address).toBe(w.address);
  });
});
