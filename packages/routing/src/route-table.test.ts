import type { Resource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { compileRouteTable } from './route-table.js';
import { dr, fwd, httpbinWorld, req, sidecar, sub, vs } from './testing/fixtures.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { RequestAttributes } from './types.js';

describe('route() never throws, whatever the request', () => {
  const w = httpbinWorld();
  const table = sidecar(
    [
      ...w.resources,
      vs('httpbin', {
        hosts: ['httpbin'],
        http: [
          {
            match: [{ queryParams: { a: { regex: 'x+' } }, headers: { h: { prefix: 'p' } } }],
            route: [{ destination: { host: 'httpbin', subset: 'v2' } }],
          },
          {
            route: [{ destination: { host: 'httpbin', subset: 'v1' } }],
            mirror: { host: 'httpbin', subset: 'v2' },
          },
        ],
      }),
    ],
    w.endpoints,
  );
  const junk: RequestAttributes[] = [
    req('', ''),
    req('[::1', '?'),
    req('httpbin:99999', 'no-slash'),
    req(':::', '//'),
    { ...req('httpbin'), port: Number.NaN, headers: { h: ['p', 'q'], connection: 'upgrade' } },
    {
      ...req('httpbin'),
      method: undefined as unknown as string,
      scheme: 'ftp' as 'http',
      headers: undefined as unknown as Record<string, string>,
    },
    { ...req('httpbin'), authority: undefined as unknown as string, path: undefined as unknown as string },
    req('httpbin', 'http://'),
    req('httpbin', 'https://x?y#z'),
  ];
  it.each(junk.map((r, i) => [i, r] as const))('junk request #%s gets a decision', (_i, r) => {
    expect(() => table.route(r, mulberry32(1))).not.toThrow();
    expect(table.route(r, mulberry32(1)).kind).toMatch(/forward|passthrough|reject|redirect|direct-response/);
  });
});

describe('compileRouteTable never throws on resource content', () => {
  const garbage = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: 'no' } },
    {
      apiVersion: 'x',
      kind: 'VirtualService',
      metadata: { name: 'y' },
      spec: { hosts: [1, null], http: [null, { match: 'x' }] },
    },
    {
      apiVersion: 'x',
      kind: 'DestinationRule',
      metadata: { name: 'z' },
      spec: { host: 'x', subsets: [null, { name: 'a' }] },
    },
    { apiVersion: 'x', kind: 'VirtualService', metadata: null, spec: null },
    { kind: 'Gateway', metadata: { name: 'g' }, spec: { servers: [null, { port: {} }] } },
    null,
  ] as unknown as Resource[];
  it.each(['sidecar', 'gateway'] as const)('%s', (kind) => {
    expect(() =>
      compileRouteTable({
        resources: garbage,
        endpoints: [],
        proxy: { kind, namespace: 'default', labels: {} },
        version: 'v',
      }).route(req('x'), mulberry32(1)),
    ).not.toThrow();
  });
});

describe('dump() for /config_dump', () => {
  it('is JSON with hosts, aliases, routes, clusters, endpoints and settings', () => {
    const w = httpbinWorld();
    const t = sidecar(
      [
        ...w.resources,
        dr('httpbin', {
          host: 'httpbin',
          subsets: [sub('v1'), sub('v2')],
          trafficPolicy: { outlierDetection: {} },
        }),
        vs('httpbin', {
          hosts: ['httpbin'],
          http: [
            {
              route: [
                { destination: { host: 'httpbin', subset: 'v1' }, weight: 90 },
                { destination: { host: 'httpbin', subset: 'v2' }, weight: 10 },
              ],
              mirror: { host: 'httpbin', subset: 'v2' },
              mirrorPercentage: { value: 5 },
            },
          ],
        }),
      ],
      w.endpoints,
    );
    const dump = JSON.parse(JSON.stringify(t.dump())) as Record<string, unknown>;
    expect(dump).toMatchObject({
      version: 'test-1',
      proxy: { kind: 'sidecar', namespace: 'default' },
      settings: { outboundPolicy: 'ALLOW_ANY' },
    });
    const host = (dump.hosts as { host: string }[]).find(
      (h) => h.host === 'httpbin.default.svc.cluster.local',
    );
    expect(host).toMatchObject({
      aliases: ['httpbin.default.svc', 'httpbin.default', 'httpbin'],
      virtualServices: ['default/httpbin'],
      routes: [
        {
          name: 'default/httpbin#0',
          destinations: [
            { subset: 'v1', share: 0.9 },
            { subset: 'v2', share: 0.1 },
          ],
          mirrors: [{ subset: 'v2', percentage: 5 }],
        },
      ],
    });
    const clusters = dump.clusters as { name: string; endpoints: unknown[]; outlierDetection: unknown }[];
    expect(clusters.map((c) => c.name).sort()).toEqual([
      'outbound|8000|v1|httpbin.default.svc.cluster.local',
      'outbound|8000|v2|httpbin.default.svc.cluster.local',
    ]);
    expect(clusters[0]?.endpoints).toHaveLength(1);
    expect(clusters[0]?.outlierDetection).toMatchObject({
      consecutive5xx: 5,
      intervalMs: 10_000,
      baseEjectionMs: 30_000,
      maxEjectionPercent: 10,
    });
  });

  it('routeName names the VirtualService and the route (by name when given)', () => {
    const w = httpbinWorld();
    const t = sidecar(
      [
        ...w.resources,
        vs('httpbin', {
          hosts: ['httpbin'],
          http: [{ name: 'primary', route: [{ destination: { host: 'httpbin' } }] }],
        }),
      ],
      w.endpoints,
    );
    const d = fwd(t.route(req('httpbin:8000'), mulberry32(1)));
    expect(d.routeName).toBe('default/httpbin#primary');
    // FlowRecord.route: `name.namespace` of the VirtualService, with the route's name when it has one.
    expect(d.flowRoute).toBe('httpbin.default#primary');
  });

  it('flowRoute names only the VirtualService for an unnamed route, and is null for a default route', () => {
    const w = httpbinWorld();
    const t = sidecar(
      [
        ...w.resources,
        vs('httpbin', { hosts: ['httpbin'], http: [{ route: [{ destination: { host: 'httpbin' } }] }] }),
      ],
      w.endpoints,
    );
    expect(fwd(t.route(req('httpbin:8000'), mulberry32(1))).flowRoute).toBe('httpbin.default');
    const bare = sidecar(w.resources, w.endpoints);
    expect(fwd(bare.route(req('httpbin:8000'), mulberry32(1))).flowRoute).toBeNull();
  });
});
