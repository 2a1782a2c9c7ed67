import type { HTTPRoute, Resource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { fwd, httpbinWorld, meshConfig, req, shadowPolicy, sidecar, vs } from './testing/fixtures.js';
import { binomialBand, mulberry32 } from './testing/mulberry32.js';
import type { RequestAttributes } from './types.js';

/** A table where httpbin routes to v1 and the route carries `mirror` fields as given. */
function mirrorTable(fields: Partial<HTTPRoute>, extra: Resource[] = []) {
  const w = httpbinWorld();
  const route: HTTPRoute = { route: [{ destination: { host: 'httpbin', subset: 'v1' } }], ...fields };
  return sidecar(
    [...w.resources, vs('httpbin', { hosts: ['httpbin'], http: [route] }), ...extra],
    w.endpoints,
  );
}

const V2 = { host: 'httpbin', subset: 'v2' };

function mirroredCount(fields: Partial<HTTPRoute>, n: number, seed: number): { sent: number; out: number } {
  const table = mirrorTable(fields);
  const random = mulberry32(seed);
  let sent = 0;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const d = fwd(table.route(req('httpbin:8000', '/headers'), random));
    sent += d.mirrors.length;
    out += d.mirrorsSampledOut;
  }
  return { sent, out };
}

describe('mirror percentages (Istio MirrorPercent(), route.go)', () => {
  const n = 20_000;
  it.each([
    ['mirrorPercentage 20 (Gateway API percent-mirror)', 20],
    ['mirrorPercentage 50 (Gateway API percent-mirror-fraction 25/50)', 50],
    ['mirrorPercentage 35 (Gateway API percent-mirror-and-modify-headers)', 35],
    ['fractional mirrorPercentage 0.5 (a double, not an integer)', 0.5],
  ])('%s: mirrored count within the 4σ binomial band', (_name, pct) => {
    const { sent, out } = mirroredCount({ mirror: V2, mirrorPercentage: { value: pct } }, n, 1234);
    const [lo, hi] = binomialBand(n, pct / 100);
    expect(sent).toBeGreaterThanOrEqual(lo);
    expect(sent).toBeLessThanOrEqual(hi);
    expect(sent + out).toBe(n);
  });

  it('mirrorPercentage absent ⇒ 100 % (Istio MirrorPercent() default {100, HUNDRED})', () => {
    expect(mirroredCount({ mirror: V2 }, 2000, 1)).toEqual({ sent: 2000, out: 0 });
  });

  it('explicit mirrorPercentage 0 ⇒ no mirror policy at all ("If zero percent is provided explicitly, we should not mirror")', () => {
    expect(mirroredCount({ mirror: V2, mirrorPercentage: { value: 0 } }, 2000, 1)).toEqual({
      sent: 0,
      out: 0,
    });
  });

  it('mirrorPercentage {} (value unset) is 0 ⇒ no mirror (proto default)', () => {
    expect(mirroredCount({ mirror: V2, mirrorPercentage: {} }, 100, 1)).toEqual({ sent: 0, out: 0 });
  });

  it('deprecated integer mirrorPercent 50 applies when mirrorPercentage is absent', () => {
    const { sent } = mirroredCount({ mirror: V2, mirrorPercent: 50 }, n, 99);
    const [lo, hi] = binomialBand(n, 0.5);
    expect(sent).toBeGreaterThanOrEqual(lo);
    expect(sent).toBeLessThanOrEqual(hi);
  });

  it('deprecated mirrorPercent 0 ⇒ no mirror', () => {
    expect(mirroredCount({ mirror: V2, mirrorPercent: 0 }, 100, 1).sent).toBe(0);
  });

  it('mirrorPercentage wins over mirrorPercent when both are set', () => {
    expect(
      mirroredCount({ mirror: V2, mirrorPercentage: { value: 100 }, mirrorPercent: 0 }, 100, 1).sent,
    ).toBe(100);
  });

  it('mirrors[] (Istio ≥1.19): two targets without percentage both get every request (HTTPRouteRequestMultipleMirrors)', () => {
    const table = mirrorTable({
      mirrors: [{ destination: V2 }, { destination: { host: 'httpbin', subset: 'v1' } }],
    });
    const random = mulberry32(5);
    for (let i = 0; i < 200; i++) {
      const d = fwd(table.route(req('httpbin:8000'), random));
      expect(d.mirrors.map((m) => m.cluster.name)).toEqual([
        'outbound|8000|v2|httpbin.default.svc.cluster.local',
        'outbound|8000|v1|httpbin.default.svc.cluster.local',
      ]);
    }
  });

  it('mirrors[] percentages are independent draws: 50 % and 50 % give ~25 % both', () => {
    const table = mirrorTable({
      mirrors: [
        { destination: V2, percentage: { value: 50 } },
        { destination: V2, percentage: { value: 50 } },
      ],
    });
    const random = mulberry32(77);
    let both = 0;
    for (let i = 0; i < n; i++)
      if (fwd(table.route(req('httpbin:8000'), random)).mirrors.length === 2) both++;
    const [lo, hi] = binomialBand(n, 0.25);
    expect(both).toBeGreaterThanOrEqual(lo);
    expect(both).toBeLessThanOrEqual(hi);
  });

  it('mirrors[] entry with percentage 0 is dropped', () => {
    const table = mirrorTable({ mirrors: [{ destination: V2, percentage: { value: 0 } }] });
    expect(fwd(table.route(req('httpbin:8000'), mulberry32(1))).mirrors).toEqual([]);
  });
});

describe('which requests are mirrored (Envoy shadowing rules, Shadowmesh loop guard)', () => {
  const table = mirrorTable({ mirror: V2 });
  const one = (r: RequestAttributes) => fwd(table.route(r, mulberry32(1)));

  it.each([
    [
      'a request carrying x-shadowmesh-shadow is never mirrored again',
      { headers: { 'x-shadowmesh-shadow': '1' } },
    ],
    ['CONNECT is never shadowed (Envoy)', { method: 'CONNECT' }],
    [
      'upgrade requests are never shadowed (Envoy: "Shadowing doesn\'t support HTTP CONNECT and upgrades")',
      { headers: { connection: 'keep-alive, Upgrade', upgrade: 'websocket' } },
    ],
  ])('%s (and not counted as sampled out)', (_name, extra) => {
    const d = one(req('httpbin:8000', '/', extra as Partial<RequestAttributes>));
    expect(d.mirrors).toEqual([]);
    expect(d.mirrorsSampledOut).toBe(0);
  });

  it('an upgrade header without connection: upgrade is still mirrored', () => {
    expect(one(req('httpbin:8000', '/', { headers: { upgrade: 'h2c' } })).mirrors).toHaveLength(1);
  });
});

describe('mirror authority and settings', () => {
  it('the copy carries the request authority with -shadow before the port (Istio ≤1.27 mirroring task)', () => {
    const d = fwd(mirrorTable({ mirror: V2 }).route(req('httpbin:8000'), mulberry32(1)));
    expect(d.mirrors[0]?.authority).toBe('httpbin-shadow:8000');
    expect(d.authority).toBe('httpbin:8000');
  });

  it('the authority used is the one after rewrite.authority (envoy #9094: suffix applied after host rewrite)', () => {
    const d = fwd(
      mirrorTable({ mirror: V2, rewrite: { authority: 'api.internal:9000' } }).route(
        req('httpbin:8000'),
        mulberry32(1),
      ),
    );
    expect(d.authority).toBe('api.internal:9000');
    expect(d.mirrors[0]?.authority).toBe('api.internal-shadow:9000');
  });

  it('MeshConfig shadowHostSuffix: false keeps the authority unchanged (Istio 1.28 DISABLE_SHADOW_HOST_SUFFIX)', () => {
    const t = mirrorTable({ mirror: V2 }, [meshConfig({ shadowHostSuffix: false })]);
    const d = fwd(t.route(req('httpbin:8000'), mulberry32(1)));
    expect(d.mirrors[0]?.authority).toBe('httpbin:8000');
    expect(d.mirrors[0]?.settings.shadowHostSuffix).toBe(false);
  });

  it('a ShadowPolicy for the mirror target host overrides MeshConfig (suffix, timeout, caps)', () => {
    const t = mirrorTable({ mirror: V2 }, [
      meshConfig({ shadowHostSuffix: false, mirror: { timeout: '2s' } }),
      shadowPolicy('httpbin', { host: 'httpbin', shadowHostSuffix: true, mirror: { maxInFlight: 7 } }),
    ]);
    const m = fwd(t.route(req('httpbin:8000'), mulberry32(1))).mirrors[0]!;
    expect(m.authority).toBe('httpbin-shadow:8000');
    expect(m.settings).toMatchObject({ shadowHostSuffix: true, maxInFlight: 7, timeoutMs: 2000 });
  });

  it('ShadowPolicy redactHeaders reach the settings lower-cased and de-duplicated; flowSampling and body size too', () => {
    const t = mirrorTable({ mirror: V2 }, [
      shadowPolicy('httpbin', {
        host: 'httpbin',
        flowSampling: 1,
        captureBodyBytes: 100,
        redactHeaders: ['X-Api-Key', 'x-api-key', ' X-Secret ', ''],
      }),
    ]);
    const d = fwd(t.route(req('httpbin:8000'), mulberry32(1)));
    expect(d.settings).toMatchObject({ flowSampling: 1, captureBodyBytes: 100 });
    expect(d.settings.redactHeaders).toEqual(['x-api-key', 'x-secret']);
    expect(d.mirrors[0]?.settings.redactHeaders).toEqual(['x-api-key', 'x-secret']);
  });

  it('a ShadowPolicy for another host leaves the mesh defaults (MESH_CONFIG_DEFAULTS)', () => {
    const t = mirrorTable({ mirror: V2 }, [
      shadowPolicy('other', { host: 'other', shadowHostSuffix: false }),
    ]);
    const m = fwd(t.route(req('httpbin:8000'), mulberry32(1))).mirrors[0]!;
    expect(m.settings).toEqual({
      shadowHostSuffix: true,
      maxInFlight: 256,
      timeoutMs: 5000,
      maxBodyBytes: 1_048_576,
      captureBodyBytes: 16_384,
      flowSampling: 0.1,
      redactHeaders: [],
      baselinePercentage: 0,
    });
    expect(m.percentage).toBe(100);
  });
});
