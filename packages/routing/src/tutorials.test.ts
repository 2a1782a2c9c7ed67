// The published Istio mirroring tutorials (the repo's tutorials/, exactly what users paste), applied
// in the tutorials' order, must route as the tutorials say.
import type { Resource, WorkloadEndpoint } from '@shadowmesh/api';
import { parseManifests } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { compileRouteTable } from './route-table.js';
import { dr, fwd, req, service, sub, workload } from './testing/fixtures.js';
import { binomialBand, mulberry32 } from './testing/mulberry32.js';
import type { RouteTable, RouteTableInput } from './types.js';

const FILES = import.meta.glob('../../../tutorials/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function file(name: string): string {
  const text = FILES[`../../../tutorials/${name}`];
  if (text === undefined) throw new Error(`missing tutorial ${name}`);
  return text;
}

/** Applies files in order like `shadowmesh apply -f`: a resource replaces the one of the same kind/ns/name. */
function apply(...names: string[]): Resource[] {
  const store = new Map<string, Resource>();
  for (const name of names) {
    const parsed = parseManifests(file(name));
    expect(parsed.errors, `${name} parses without errors`).toEqual([]);
    for (const r of parsed.resources)
      store.set(`${r.kind}/${r.metadata.namespace ?? 'default'}/${r.metadata.name}`, r);
  }
  return [...store.values()];
}

function table(
  resources: Resource[],
  endpoints: WorkloadEndpoint[],
  proxy: RouteTableInput['proxy'],
): RouteTable {
  return compileRouteTable({ resources, endpoints, proxy, version: 'tutorial' });
}

const sleep = { kind: 'sidecar' as const, namespace: 'default', labels: { app: 'sleep' } };

it('every tutorial file parses (Deployments are skipped, not errors)', () => {
  expect(Object.keys(FILES).length).toBeGreaterThanOrEqual(12);
  for (const name of Object.keys(FILES)) {
    expect(parseManifests(FILES[name]!).errors, name).toEqual([]);
  }
});

describe('httpbin mirroring task (istio.io tasks/traffic-management/mirroring)', () => {
  const endpoints = [workload('httpbin', 'v1'), workload('httpbin', 'v2'), workload('sleep', 'v1')];

  it('httpbin-route-v1: all traffic to v1, nothing mirrored', () => {
    const t = table(apply('httpbin-workloads.yaml', 'httpbin-route-v1.yaml'), endpoints, sleep);
    const random = mulberry32(1);
    for (let i = 0; i < 100; i++) {
      const d = fwd(t.route(req('httpbin:8000', '/headers'), random));
      expect(d.cluster.name).toBe('outbound|8000|v1|httpbin.default.svc.cluster.local');
      expect(d.mirrors).toEqual([]);
    }
  });

  it('httpbin-mirror: primary v1, every request mirrored to v2 with Host httpbin-shadow:8000', () => {
    const t = table(
      apply('httpbin-workloads.yaml', 'httpbin-route-v1.yaml', 'httpbin-mirror.yaml'),
      endpoints,
      sleep,
    );
    const d = fwd(t.route(req('httpbin:8000', '/headers'), mulberry32(1)));
    expect(d.cluster.name).toBe('outbound|8000|v1|httpbin.default.svc.cluster.local');
    expect(d.cluster.endpoints.map((e) => e.address)).toEqual([endpoints[0]!.address]);
    expect(d.mirrors).toHaveLength(1);
    expect(d.mirrors[0]).toMatchObject({ percentage: 100, authority: 'httpbin-shadow:8000' });
    expect(d.mirrors[0]!.cluster.name).toBe('outbound|8000|v2|httpbin.default.svc.cluster.local');
    expect(d.mirrors[0]!.cluster.endpoints.map((e) => e.address)).toEqual([endpoints[1]!.address]);
  });
});

describe('istioapp tutorial (istioapp-service:8080)', () => {
  const endpoints = [workload('istioapp', 'v1'), workload('istioapp', 'v2')];
  const path = '/v1/istioapp/hello-word/ping';

  it('istioapp-route: only v1 answers', () => {
    const t = table(apply('istioapp-service.yaml', 'istioapp-route.yaml'), endpoints, sleep);
    const d = fwd(t.route(req('istioapp-service:8080', path), mulberry32(1)));
    expect(d.cluster.name).toBe('outbound|8080|v1|istioapp-service.default.svc.cluster.local');
    expect(d.mirrors).toEqual([]);
  });

  it('istioapp-mirror: v1 answers, v2 gets a copy', () => {
    const t = table(
      apply('istioapp-service.yaml', 'istioapp-route.yaml', 'istioapp-mirror.yaml'),
      endpoints,
      sleep,
    );
    const d = fwd(t.route(req('istioapp-service:8080', path), mulberry32(1)));
    expect(d.cluster.subset).toBe('v1');
    expect(d.mirrors.map((m) => [m.cluster.name, m.authority])).toEqual([
      ['outbound|8080|v2|istioapp-service.default.svc.cluster.local', 'istioapp-service-shadow:8080'],
    ]);
  });
});

describe('Hello Mirroring through an ingress Gateway (mirror with no percentage ⇒ 100 %)', () => {
  it('all traffic reaches v1 through the gateway and every request is mirrored to v2', () => {
    const endpoints = [workload('istio-mirroring-app', 'v1'), workload('istio-mirroring-app', 'v2')];
    const t = table(apply('hello-mirroring-workloads.yaml', 'hello-mirroring-mirror.yaml'), endpoints, {
      kind: 'gateway',
      namespace: 'istio-system',
      labels: { istio: 'ingressgateway' },
      name: 'istio-ingressgateway',
    });
    const random = mulberry32(4);
    for (let i = 0; i < 100; i++) {
      const d = fwd(t.route(req('127.0.0.1:18080', '/mirroring', { port: 80 }), random));
      expect(d.cluster.name).toBe('outbound|8080|v1|istio-mirroring-app.default.svc.cluster.local');
      expect(d.mirrors.map((m) => [m.cluster.subset, m.authority])).toEqual([
        ['v2', '127.0.0.1-shadow:18080'],
      ]);
    }
  });
});

describe('Music app (namespace music): gateway, canary 90/10, mirror to v3, shift 30/70', () => {
  // Not in the tutorial's text and required by it: the Services and the `back` DestinationRule.
  const extra: Resource[] = [
    service('back', [80], 'music'),
    service('front', [80], 'music'),
    dr('back', { host: 'back', subsets: [sub('v1'), sub('v2'), sub('v3')] }, 'music'),
  ];
  const endpoints = [
    workload('back', 'v1', 'music'),
    workload('back', 'v2', 'music'),
    workload('back', 'v3', 'music'),
    workload('front', 'v1', 'music'),
  ];
  const front = { kind: 'sidecar' as const, namespace: 'music', labels: { app: 'front', version: 'v1' } };
  const n = 20_000;

  function share(t: RouteTable, subset: string, seed: number): number {
    const random = mulberry32(seed);
    let k = 0;
    for (let i = 0; i < n; i++) if (fwd(t.route(req('back', '/api'), random)).cluster.subset === subset) k++;
    return k;
  }

  it('gateway: /back goes to back, / to front', () => {
    const t = table([...extra, ...apply('music-gateway.yaml')], endpoints, {
      kind: 'gateway',
      namespace: 'istio-system',
      labels: { istio: 'ingressgateway' },
    });
    expect(fwd(t.route(req('music.local', '/back/songs', { port: 80 }), mulberry32(1))).cluster.host).toBe(
      'back.music.svc.cluster.local',
    );
    expect(fwd(t.route(req('music.local', '/', { port: 80 }), mulberry32(1))).cluster.host).toBe(
      'front.music.svc.cluster.local',
    );
  });

  it('canary: v1 90 % / v2 10 % within 4σ', () => {
    const t = table([...extra, ...apply('music-canary.yaml')], endpoints, front);
    const [lo, hi] = binomialBand(n, 0.1);
    const v2 = share(t, 'v2', 8);
    expect(v2).toBeGreaterThanOrEqual(lo);
    expect(v2).toBeLessThanOrEqual(hi);
  });

  it('mirror: 100 % to v2, every request copied to v3 (back-shadow)', () => {
    const t = table([...extra, ...apply('music-canary.yaml', 'music-mirror.yaml')], endpoints, front);
    const d = fwd(t.route(req('back', '/api'), mulberry32(1)));
    expect(d.cluster.subset).toBe('v2');
    expect(d.mirrors.map((m) => [m.cluster.name, m.authority])).toEqual([
      ['outbound|80|v3|back.music.svc.cluster.local', 'back-shadow'],
    ]);
  });

  it('shift: v2 30 % / v3 70 % within 4σ, v1 gets none', () => {
    const t = table(
      [...extra, ...apply('music-canary.yaml', 'music-mirror.yaml', 'music-shift.yaml')],
      endpoints,
      front,
    );
    const [lo, hi] = binomialBand(n, 0.3);
    const v2 = share(t, 'v2', 21);
    expect(v2).toBeGreaterThanOrEqual(lo);
    expect(v2).toBeLessThanOrEqual(hi);
    expect(share(t, 'v1', 22)).toBe(0);
  });
});
