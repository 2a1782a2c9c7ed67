import type { TrafficPolicy, WorkloadEndpoint } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { dr, fwd, req, service, sidecar, vs, workload } from './testing/fixtures.js';
import { binomialBand, fixedRandom, mulberry32 } from './testing/mulberry32.js';
import type { Cluster, RouteTable } from './types.js';

const eps = (n: number): WorkloadEndpoint[] => Array.from({ length: n }, (_, i) => workload('web', `v${i}`));

function webCluster(endpoints: WorkloadEndpoint[], trafficPolicy?: TrafficPolicy, previous?: RouteTable) {
  const resources = [
    service('web', [80]),
    ...(trafficPolicy ? [dr('web', { host: 'web', trafficPolicy })] : []),
  ];
  const table = sidecar(resources, endpoints, {}, previous);
  return { table, cluster: fwd(table.route(req('web'), mulberry32(1))).cluster };
}

describe('load balancers (DestinationRule loadBalancer.simple)', () => {
  it('ROUND_ROBIN cycles through the endpoints in order', () => {
    const { cluster } = webCluster(eps(3), { loadBalancer: { simple: 'ROUND_ROBIN' } });
    const seen = Array.from({ length: 6 }, () => cluster.pick(mulberry32(1))?.address);
    expect(seen.slice(0, 3)).toEqual(cluster.endpoints.map((e) => e.address));
    expect(seen.slice(3)).toEqual(seen.slice(0, 3));
  });

  it('RANDOM is uniform (4σ band per endpoint)', () => {
    const { cluster } = webCluster(eps(4), { loadBalancer: { simple: 'RANDOM' } });
    const random = mulberry32(42);
    const n = 20_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const a = cluster.pick(random)!.address;
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    const [lo, hi] = binomialBand(n, 0.25);
    for (const c of counts.values()) {
      expect(c).toBeGreaterThanOrEqual(lo);
      expect(c).toBeLessThanOrEqual(hi);
    }
  });

  it('LEAST_REQUEST is the default (Istio defaultLBAlgorithm) and of two samples keeps the one with fewer active requests', () => {
    const { cluster } = webCluster(eps(2));
    const [a, b] = cluster.endpoints;
    for (let i = 0; i < 3; i++) cluster.onRequestStart(a!);
    // Samples a then b: b has fewer active requests.
    expect(cluster.pick(fixedRandom(0.1, 0.9))).toBe(b);
    // Samples b then a: b still wins.
    expect(cluster.pick(fixedRandom(0.9, 0.1))).toBe(b);
    for (let i = 0; i < 3; i++) cluster.onRequestEnd(a!, 'success', 0);
    // Equal load: the first sample is kept.
    expect(cluster.pick(fixedRandom(0.1, 0.9))).toBe(a);
  });

  it('LEAST_CONN (deprecated) behaves as LEAST_REQUEST; an empty cluster picks null (503 UH)', () => {
    expect(webCluster([], { loadBalancer: { simple: 'LEAST_CONN' } }).cluster.pick(mulberry32(1))).toBeNull();
  });
});

function failN(
  cluster: Cluster,
  index: number,
  n: number,
  nowMs: number,
  outcome: 'http-5xx' | 'gateway-error' | 'connect-failure' = 'http-5xx',
) {
  const e = cluster.endpoints[index]!;
  for (let i = 0; i < n; i++) {
    cluster.onRequestStart(e);
    cluster.onRequestEnd(e, outcome, nowMs);
  }
}

const picks = (cluster: Cluster, nowMs: number) => {
  const random = mulberry32(9);
  const set = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const p = cluster.pick(random, nowMs);
    if (p) set.add(p.address);
  }
  return set;
};

describe('outlier detection (DestinationRule outlierDetection, Envoy detector_impl.cc)', () => {
  const od = (o: NonNullable<TrafficPolicy['outlierDetection']>): TrafficPolicy => ({ outlierDetection: o });

  it('no outlierDetection ⇒ nothing is ever ejected (Istio configures none)', () => {
    const { cluster } = webCluster(eps(2));
    failN(cluster, 0, 50, 1000);
    expect(picks(cluster, 1000).size).toBe(2);
  });

  it('consecutive5xxErrors default 5: the 5th consecutive 5xx ejects; a success resets the count', () => {
    const { cluster } = webCluster(eps(2), od({ maxEjectionPercent: 100 }));
    const e0 = cluster.endpoints[0]!.address;
    failN(cluster, 0, 4, 1000);
    cluster.onRequestEnd(cluster.endpoints[0]!, 'success', 1000);
    failN(cluster, 0, 4, 1000);
    expect(picks(cluster, 1000).has(e0)).toBe(true);
    failN(cluster, 0, 1, 1000);
    expect(picks(cluster, 1000).has(e0)).toBe(false);
  });

  it('baseEjectionTime 30s: back after 30s; the second ejection lasts 60s (base × ejection count)', () => {
    const { cluster } = webCluster(eps(2), od({ consecutive5xxErrors: 1, maxEjectionPercent: 100 }));
    const e0 = cluster.endpoints[0]!.address;
    failN(cluster, 0, 1, 0);
    expect(picks(cluster, 29_999).has(e0)).toBe(false);
    expect(picks(cluster, 30_000).has(e0)).toBe(true);
    failN(cluster, 0, 1, 30_000);
    expect(picks(cluster, 89_999).has(e0)).toBe(false);
    expect(picks(cluster, 90_000).has(e0)).toBe(true);
  });

  it('the ejection multiplier decays by one per healthy interval (10s default)', () => {
    const { cluster } = webCluster(eps(2), od({ consecutive5xxErrors: 1, maxEjectionPercent: 100 }));
    const e0 = cluster.endpoints[0]!.address;
    failN(cluster, 0, 1, 0); // ejected 0..30s, multiplier 1
    expect(picks(cluster, 30_000).has(e0)).toBe(true);
    failN(cluster, 0, 1, 50_000); // healthy 2 intervals: multiplier 1 → 0 → +1 = 1
    expect(picks(cluster, 80_000).has(e0)).toBe(true);
  });

  it('maxEjectionPercent 10 % (default): with 10 endpoints one may be ejected, not two', () => {
    const { cluster } = webCluster(eps(10), od({ consecutive5xxErrors: 1 }));
    failN(cluster, 0, 1, 0);
    failN(cluster, 1, 3, 0);
    const seen = picks(cluster, 0);
    expect(seen.has(cluster.endpoints[0]!.address)).toBe(false);
    expect(seen.has(cluster.endpoints[1]!.address)).toBe(true);
  });

  it('at least one endpoint is ejected whatever maxEjectionPercent (Envoy) — a lone endpoint leaves none: null', () => {
    const { cluster } = webCluster(eps(1), od({ consecutive5xxErrors: 1 }));
    failN(cluster, 0, 1, 0);
    expect(cluster.pick(mulberry32(1), 10)).toBeNull();
    expect(cluster.pick(mulberry32(1), 30_000)).not.toBeNull();
  });

  it('consecutiveGatewayErrors counts 502/503/504 and connect failures only', () => {
    const { cluster } = webCluster(
      eps(2),
      od({ consecutive5xxErrors: 0, consecutiveGatewayErrors: 2, maxEjectionPercent: 100 }),
    );
    const e0 = cluster.endpoints[0]!.address;
    failN(cluster, 0, 5, 0, 'http-5xx');
    expect(picks(cluster, 0).has(e0)).toBe(true);
    failN(cluster, 0, 1, 0, 'gateway-error');
    failN(cluster, 0, 1, 0, 'connect-failure');
    expect(picks(cluster, 0).has(e0)).toBe(false);
  });

  it('without nowMs, pick uses the latest time onRequestEnd reported', () => {
    const { cluster } = webCluster(eps(2), od({ consecutive5xxErrors: 1, maxEjectionPercent: 100 }));
    failN(cluster, 0, 1, 0);
    cluster.onRequestEnd(cluster.endpoints[1]!, 'success', 31_000);
    const random = mulberry32(2);
    const seen = new Set(Array.from({ length: 100 }, () => cluster.pick(random)?.address));
    expect(seen.size).toBe(2);
  });

  it('state survives a config update: same cluster name + endpoint address keeps ejection and active counts', () => {
    const endpoints = eps(2);
    const policy = od({ consecutive5xxErrors: 1, maxEjectionPercent: 100 });
    const first = webCluster(endpoints, policy);
    failN(first.cluster, 0, 1, 0);
    const e0 = first.cluster.endpoints[0]!.address;
    const second = webCluster(endpoints, policy, first.table);
    expect(picks(second.cluster, 1000).has(e0)).toBe(false);
    expect(picks(second.cluster, 30_000).has(e0)).toBe(true);
    const third = webCluster(endpoints, policy);
    expect(picks(third.cluster, 1000).has(e0)).toBe(true);
  });

  it('subset trafficPolicy overrides the DestinationRule level; portLevelSettings override their level', () => {
    const table = sidecar(
      [
        service('web', [80, 81]),
        dr('web', {
          host: 'web',
          trafficPolicy: {
            loadBalancer: { simple: 'RANDOM' },
            portLevelSettings: [{ port: { number: 81 }, loadBalancer: { simple: 'ROUND_ROBIN' } }],
          },
          subsets: [
            {
              name: 'rr',
              labels: { app: 'web' },
              trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
            },
          ],
        }),
        vs('web', {
          hosts: ['web'],
          http: [
            { match: [{ headers: { 'x-rr': {} } }], route: [{ destination: { host: 'web', subset: 'rr' } }] },
            { route: [{ destination: { host: 'web' } }] },
          ],
        }),
      ],
      eps(3),
    );
    const lb = (r: ReturnType<typeof req>) =>
      (fwd(table.route(r, mulberry32(1))).cluster as unknown as { lb: string }).lb;
    expect(lb(req('web:80'))).toBe('RANDOM');
    expect(lb(req('web:81'))).toBe('ROUND_ROBIN');
    expect(lb(req('web:80', '/', { headers: { 'x-rr': '1' } }))).toBe('ROUND_ROBIN');
  });
});
