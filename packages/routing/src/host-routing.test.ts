import type { Resource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import {
  dr,
  fwd,
  httpbinWorld,
  meshConfig,
  req,
  service,
  serviceEntry,
  sidecar,
  sub,
  vs,
  workload,
} from './testing/fixtures.js';
import { mulberry32 } from './testing/mulberry32.js';

const rnd = () => mulberry32(1);

describe('request hosts → service hosts (Istio sidecar virtual host domains)', () => {
  const w = httpbinWorld();
  const table = sidecar(w.resources, w.endpoints);
  it.each([
    ['short name with port, from the same namespace', 'httpbin:8000'],
    ['short name without port', 'httpbin'],
    ['name.namespace', 'httpbin.default:8000'],
    ['name.namespace.svc', 'httpbin.default.svc'],
    ['FQDN', 'httpbin.default.svc.cluster.local:8000'],
    ['upper case and trailing dot', 'HTTPBIN.default.svc.cluster.local.'],
  ])('%s', (_name, authority) => {
    const d = fwd(table.route(req(authority), rnd()));
    expect(d.cluster.host).toBe('httpbin.default.svc.cluster.local');
  });

  it('a short name from another namespace is not that service (it means httpbin.<own ns>)', () => {
    const t = sidecar(w.resources, w.endpoints, { namespace: 'prod' });
    expect(t.route(req('httpbin:8000'), rnd())).toEqual({ kind: 'passthrough', authority: 'httpbin:8000' });
    expect(fwd(t.route(req('httpbin.default:8000'), rnd())).cluster.host).toBe(
      'httpbin.default.svc.cluster.local',
    );
  });

  it('no VirtualService ⇒ all endpoints, default route, mesh default retries, no mirrors', () => {
    const d = fwd(table.route(req('httpbin:8000', '/ip?x=1'), rnd()));
    expect(d.routeName).toBeNull();
    expect(d.cluster.name).toBe('outbound|8000||httpbin.default.svc.cluster.local');
    expect(d.cluster.endpoints.map((e) => e.labels.version).sort()).toEqual(['v1', 'v2']);
    expect(d.path).toBe('/ip?x=1');
    expect(d.retry?.attempts).toBe(2);
    expect(d.mirrors).toEqual([]);
  });

  it('Service endpoints: selector over labels in the same namespace only', () => {
    const other = workload('httpbin', 'v9', 'prod');
    const t = sidecar(w.resources, [...w.endpoints, other]);
    const d = fwd(t.route(req('httpbin:8000'), rnd()));
    expect(d.cluster.endpoints.map((e) => e.address)).not.toContain(other.address);
  });
});

describe('hosts in no registry (MeshConfig outboundTrafficPolicy)', () => {
  it('ALLOW_ANY (default) ⇒ passthrough to the authority as given', () => {
    expect(sidecar([], []).route(req('example.org:8080'), rnd())).toEqual({
      kind: 'passthrough',
      authority: 'example.org:8080',
    });
  });
  it('REGISTRY_ONLY ⇒ 502 NR', () => {
    const t = sidecar([meshConfig({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } })], []);
    expect(t.route(req('example.org'), rnd())).toMatchObject({ kind: 'reject', status: 502, flag: 'NR' });
    expect(t.settings.outboundPolicy).toBe('REGISTRY_ONLY');
  });
});

describe('ServiceEntry hosts are routable and mirrorable like services', () => {
  const se = serviceEntry('ext', {
    hosts: ['api.example.com'],
    ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
    resolution: 'DNS',
    location: 'MESH_EXTERNAL',
  });
  it('DNS resolution without endpoints ⇒ the host itself is the endpoint', () => {
    const d = fwd(sidecar([se], []).route(req('api.example.com'), rnd()));
    expect(d.cluster.name).toBe('outbound|443||api.example.com');
    expect(d.cluster.endpoints.map((e) => e.address)).toEqual(['api.example.com:443']);
  });
  it('listed endpoints use their own port for the named port', () => {
    const withEps = serviceEntry('ext', {
      hosts: ['api.example.com'],
      ports: [{ number: 80, name: 'http' }],
      resolution: 'STATIC',
      endpoints: [{ address: '127.0.0.1', ports: { http: 9090 } }],
    });
    expect(
      fwd(sidecar([withEps], []).route(req('api.example.com'), rnd())).cluster.endpoints[0]?.address,
    ).toBe('127.0.0.1:9090');
  });
  it('mirroring to a ServiceEntry host (Istio mirror_test.go external case)', () => {
    const w = httpbinWorld();
    const t = sidecar(
      [
        ...w.resources,
        se,
        vs('httpbin', {
          hosts: ['httpbin'],
          http: [{ route: [{ destination: { host: 'httpbin' } }], mirror: { host: 'api.example.com' } }],
        }),
      ],
      w.endpoints,
    );
    const m = fwd(t.route(req('httpbin:8000'), rnd())).mirrors[0];
    expect(m?.cluster.name).toBe('outbound|443||api.example.com');
    expect(m?.authority).toBe('httpbin-shadow:8000');
  });
  it('a wildcard ServiceEntry host with no VirtualService passes through', () => {
    const wild = serviceEntry('wild', {
      hosts: ['*.example.net'],
      ports: [{ number: 80 }],
      resolution: 'NONE',
    });
    expect(sidecar([wild], []).route(req('a.example.net'), rnd())).toEqual({
      kind: 'passthrough',
      authority: 'a.example.net',
    });
  });
});

describe('VirtualService hosts', () => {
  const w = httpbinWorld();
  const toV2 = { route: [{ destination: { host: 'httpbin', subset: 'v2' } }] };
  it.each([
    ['short name resolved in the VirtualService namespace', 'httpbin'],
    ['name.namespace', 'httpbin.default'],
    ['FQDN', 'httpbin.default.svc.cluster.local'],
  ])('%s', (_name, host) => {
    const t = sidecar([...w.resources, vs('r', { hosts: [host], http: [toV2] })], w.endpoints);
    expect(fwd(t.route(req('httpbin:8000'), rnd())).cluster.subset).toBe('v2');
  });
  it('a short host in a VirtualService of another namespace names that namespace’s service', () => {
    const t = sidecar([...w.resources, vs('r', { hosts: ['httpbin'], http: [toV2] }, 'prod')], w.endpoints);
    expect(fwd(t.route(req('httpbin:8000'), rnd())).routeName).toBeNull();
  });
  it('wildcard VirtualService hosts cover registry hosts with no exact VirtualService', () => {
    const se = serviceEntry('ext', { hosts: ['a.example.com'], ports: [{ number: 80 }], resolution: 'DNS' });
    const t = sidecar(
      [...w.resources, se, vs('wild', { hosts: ['*.example.com'], http: [toV2] })],
      w.endpoints,
    );
    expect(fwd(t.route(req('a.example.com'), rnd())).cluster.subset).toBe('v2');
    expect(fwd(t.route(req('b.example.com'), rnd())).cluster.subset).toBe('v2');
    expect(t.route(req('example.com'), rnd()).kind).toBe('passthrough');
  });
  it('an exact host wins over a wildcard one (Envoy virtual host selection)', () => {
    const t = sidecar(
      [
        ...w.resources,
        vs('wild', {
          hosts: ['*.example.com'],
          http: [{ route: [{ destination: { host: 'httpbin', subset: 'v1' } }] }],
        }),
        vs('exact', { hosts: ['a.example.com'], http: [toV2] }),
      ],
      w.endpoints,
    );
    expect(fwd(t.route(req('a.example.com'), rnd())).cluster.subset).toBe('v2');
  });
  it('`*` is refused for mesh-bound VirtualServices (Istio validation) and reported', () => {
    const t = sidecar([...w.resources, vs('all', { hosts: ['*'], http: [toV2] })], w.endpoints);
    expect(t.route(req('anything.org'), rnd()).kind).toBe('passthrough');
    expect(JSON.stringify(t.dump())).toContain('wildcard host * is not allowed');
  });
  it('VirtualServices bound only to a Gateway do not apply to sidecars', () => {
    const t = sidecar(
      [...w.resources, vs('gw', { hosts: ['httpbin'], gateways: ['gw'], http: [toV2] })],
      w.endpoints,
    );
    expect(fwd(t.route(req('httpbin:8000'), rnd())).routeName).toBeNull();
  });
  it('exportTo "." hides a VirtualService from other namespaces', () => {
    const t = sidecar(
      [
        ...w.resources,
        vs('r', { hosts: ['httpbin.default.svc.cluster.local'], exportTo: ['.'], http: [toV2] }),
      ],
      w.endpoints,
      { namespace: 'prod' },
    );
    expect(fwd(t.route(req('httpbin.default:8000'), rnd())).routeName).toBeNull();
  });
  it('when no route of a VirtualService applies to this proxy, the service keeps its default route', () => {
    const scoped = { match: [{ sourceLabels: { app: 'other' } }], ...toV2 };
    const t = sidecar([...w.resources, vs('r', { hosts: ['httpbin'], http: [scoped] })], w.endpoints);
    expect(fwd(t.route(req('httpbin:8000'), rnd())).routeName).toBeNull();
  });
});

describe('destinations: subsets, ports, cluster names (Istio GetDestinationCluster)', () => {
  const eps = [workload('multi', 'v1'), workload('multi', 'v2')];
  const base: Resource[] = [
    service('multi', [8080, 9090]),
    dr('multi', { host: 'multi', subsets: [sub('v1'), sub('v2')] }),
  ];
  const route = (dest: Record<string, unknown>) =>
    sidecar(
      [
        ...base,
        vs('m', { hosts: ['multi'], http: [{ route: [{ destination: { host: 'multi', ...dest } }] }] }),
      ],
      eps,
    );
  it('explicit port wins', () => {
    expect(fwd(route({ port: { number: 9090 } }).route(req('multi:8080'), rnd())).cluster.name).toBe(
      'outbound|9090||multi.default.svc.cluster.local',
    );
  });
  it('multi-port service without port ⇒ the request port (IST0112 case)', () => {
    expect(fwd(route({}).route(req('multi:8080'), rnd())).cluster.port).toBe(8080);
  });
  it('single-port service without port ⇒ its only port, even for a request on port 80', () => {
    const w = httpbinWorld();
    expect(fwd(sidecar(w.resources, w.endpoints).route(req('httpbin'), rnd())).cluster.port).toBe(8000);
  });
  it('subset labels select endpoints', () => {
    const c = fwd(route({ subset: 'v2' }).route(req('multi:8080'), rnd())).cluster;
    expect(c.name).toBe('outbound|8080|v2|multi.default.svc.cluster.local');
    expect(c.endpoints.map((e) => e.labels.version)).toEqual(['v2']);
  });
  it('an undeclared subset gives an empty cluster (503 UH) and an issue, not an exception', () => {
    const t = route({ subset: 'v7' });
    const c = fwd(t.route(req('multi:8080'), rnd())).cluster;
    expect(c.endpoints).toEqual([]);
    expect(c.pick(rnd())).toBeNull();
    expect(JSON.stringify(t.dump())).toContain('no DestinationRule declares subset');
  });
  it('a destination host in no registry gives an empty cluster', () => {
    const t = sidecar(
      [vs('x', { hosts: ['x.example.com'], http: [{ route: [{ destination: { host: 'nowhere' } }] }] })],
      [],
    );
    expect(fwd(t.route(req('x.example.com'), rnd())).cluster.pick(rnd())).toBeNull();
  });
});
