import type { HTTPMatchRequest } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { fwd, httpbinWorld, req, sidecar, vs } from './testing/fixtures.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { RequestAttributes, RouteDecision, RouteTableInput } from './types.js';

/** httpbin with route 0 = `match` → v2, route 1 = catch-all → v1. Returns the subset the request reached. */
function subsetFor(
  match: HTTPMatchRequest[],
  r: RequestAttributes,
  proxy: Partial<RouteTableInput['proxy']> = {},
  gateways?: string[],
): string | null {
  const w = httpbinWorld();
  const table = sidecar(
    [
      ...w.resources,
      vs('httpbin', {
        hosts: ['httpbin'],
        ...(gateways ? { gateways } : {}),
        http: [
          { match, route: [{ destination: { host: 'httpbin', subset: 'v2' } }] },
          { route: [{ destination: { host: 'httpbin', subset: 'v1' } }] },
        ],
      }),
    ],
    w.endpoints,
    proxy,
  );
  const d: RouteDecision = table.route(r, mulberry32(1));
  return d.kind === 'forward' ? d.cluster.subset : null;
}

const R = (path: string, extra: Partial<RequestAttributes> = {}) => req('httpbin:8000', path, extra);

describe('HTTPMatchRequest conditions (Istio VirtualService §1.4)', () => {
  it.each<[string, HTTPMatchRequest[], RequestAttributes, string]>([
    ['uri exact', [{ uri: { exact: '/headers' } }], R('/headers'), 'v2'],
    [
      'uri exact ignores the query string (Envoy path match)',
      [{ uri: { exact: '/headers' } }],
      R('/headers?a=1'),
      'v2',
    ],
    ['uri exact misses another path', [{ uri: { exact: '/headers' } }], R('/headers/x'), 'v1'],
    ['uri prefix', [{ uri: { prefix: '/api' } }], R('/api/v1'), 'v2'],
    ['uri regex is a full match', [{ uri: { regex: '/u/[0-9]+' } }], R('/u/12'), 'v2'],
    ['uri regex no partial match', [{ uri: { regex: '/u/[0-9]+' } }], R('/u/12/x'), 'v1'],
    ['uri is case-sensitive by default', [{ uri: { prefix: '/API' } }], R('/api'), 'v1'],
    ['ignoreUriCase on prefix', [{ uri: { prefix: '/API' }, ignoreUriCase: true }], R('/api/x'), 'v2'],
    ['ignoreUriCase on exact', [{ uri: { exact: '/Headers' }, ignoreUriCase: true }], R('/HEADERS'), 'v2'],
    ['ignoreUriCase does not apply to regex', [{ uri: { regex: '/A' }, ignoreUriCase: true }], R('/a'), 'v1'],
    [
      'absolute-form path from an HTTP proxy client',
      [{ uri: { exact: '/ip' } }],
      R('http://httpbin:8000/ip'),
      'v2',
    ],
    ['scheme', [{ scheme: { exact: 'https' } }], R('/', { scheme: 'https' }), 'v2'],
    ['method', [{ method: { exact: 'POST' } }], R('/', { method: 'POST' }), 'v2'],
    ['method misses', [{ method: { exact: 'POST' } }], R('/'), 'v1'],
    ['authority prefix (full Host header)', [{ authority: { prefix: 'httpbin:80' } }], R('/'), 'v2'],
    [
      'header exact',
      [{ headers: { 'end-user': { exact: 'jason' } } }],
      R('/', { headers: { 'end-user': 'jason' } }),
      'v2',
    ],
    [
      'header keys are matched lower-case',
      [{ headers: { 'End-User': { exact: 'jason' } } }],
      R('/', { headers: { 'end-user': 'jason' } }),
      'v2',
    ],
    [
      'header regex',
      [{ headers: { 'x-v': { regex: 'v[23]' } } }],
      R('/', { headers: { 'x-v': 'v3' } }),
      'v2',
    ],
    [
      'header prefix',
      [{ headers: { 'x-v': { prefix: 'can' } } }],
      R('/', { headers: { 'x-v': 'canary-1' } }),
      'v2',
    ],
    ['header presence {}', [{ headers: { 'x-debug': {} } }], R('/', { headers: { 'x-debug': '' } }), 'v2'],
    ['header presence misses when absent', [{ headers: { 'x-debug': {} } }], R('/'), 'v1'],
    [
      'multi-valued header is joined with , (Envoy)',
      [{ headers: { 'x-a': { exact: '1,2' } } }],
      R('/', { headers: { 'x-a': ['1', '2'] } }),
      'v2',
    ],
    ['withoutHeaders: absent header matches', [{ withoutHeaders: { 'x-v': { exact: 'v1' } } }], R('/'), 'v2'],
    [
      'withoutHeaders: matching header excludes',
      [{ withoutHeaders: { 'x-v': { exact: 'v1' } } }],
      R('/', { headers: { 'x-v': 'v1' } }),
      'v1',
    ],
    [
      'withoutHeaders {} = header must be absent',
      [{ withoutHeaders: { 'x-v': {} } }],
      R('/', { headers: { 'x-v': 'a' } }),
      'v1',
    ],
    ['queryParams exact', [{ queryParams: { u: { exact: 'a' } } }], R('/p?x=1&u=a'), 'v2'],
    ['queryParams ?key matches exact ""', [{ queryParams: { debug: { exact: '' } } }], R('/p?debug'), 'v2'],
    ['queryParams regex', [{ queryParams: { id: { regex: '[0-9]+' } } }], R('/p?id=42'), 'v2'],
    ['queryParams missing', [{ queryParams: { u: { exact: 'a' } } }], R('/p'), 'v1'],
    ['port', [{ port: 8000 }], R('/'), 'v2'],
    ['port misses', [{ port: 9000 }], R('/'), 'v1'],
    ['AND inside one block', [{ uri: { prefix: '/a' }, method: { exact: 'POST' } }], R('/a'), 'v1'],
    [
      'OR across blocks',
      [{ uri: { prefix: '/a' } }, { method: { exact: 'POST' } }],
      R('/b', { method: 'POST' }),
      'v2',
    ],
    ['empty match list matches everything', [], R('/anything'), 'v2'],
    ['empty block {} matches everything', [{}], R('/anything'), 'v2'],
    ['invalid regex never matches (and does not throw)', [{ uri: { regex: '([' } }], R('(['), 'v1'],
  ])('%s', (_name, match, r, expected) => {
    expect(subsetFor(match, r)).toBe(expected);
  });
});

describe('workload selectors in matches are decided at compile time for this proxy', () => {
  it.each<[string, HTTPMatchRequest[], Partial<RouteTableInput['proxy']>, string]>([
    ['sourceLabels selecting the proxy', [{ sourceLabels: { app: 'sleep' } }], {}, 'v2'],
    ['sourceLabels not selecting the proxy drop the block', [{ sourceLabels: { app: 'other' } }], {}, 'v1'],
    ['sourceNamespace equal', [{ sourceNamespace: 'default' }], {}, 'v2'],
    ['sourceNamespace different', [{ sourceNamespace: 'prod' }], {}, 'v1'],
    ['match-level gateways [mesh] applies to sidecars', [{ gateways: ['mesh'] }], {}, 'v2'],
    ['match-level gateways naming only a Gateway skip sidecars', [{ gateways: ['my-gw'] }], {}, 'v1'],
    [
      'a dropped block is not turned into match-all',
      [{ sourceLabels: { app: 'other' } }, { uri: { exact: '/x' } }],
      {},
      'v1',
    ],
  ])('%s', (_name, match, proxy, expected) => {
    expect(subsetFor(match, R('/'), proxy)).toBe(expected);
  });

  it('a VirtualService with gateways [gw, mesh] still serves sidecars', () => {
    expect(subsetFor([{ uri: { prefix: '/' } }], R('/'), {}, ['my-gw', 'mesh'])).toBe('v2');
  });

  it('first matching rule wins even when a later rule is more specific', () => {
    const w = httpbinWorld();
    const table = sidecar(
      [
        ...w.resources,
        vs('httpbin', {
          hosts: ['httpbin'],
          http: [
            {
              match: [{ uri: { prefix: '/' } }],
              route: [{ destination: { host: 'httpbin', subset: 'v1' } }],
            },
            {
              match: [{ uri: { exact: '/x' } }],
              route: [{ destination: { host: 'httpbin', subset: 'v2' } }],
            },
          ],
        }),
      ],
      w.endpoints,
    );
    expect(fwd(table.route(R('/x'), mulberry32(1))).cluster.subset).toBe('v1');
  });

  it('no rule matching ⇒ 404 NR', () => {
    const w = httpbinWorld();
    const table = sidecar(
      [
        ...w.resources,
        vs('httpbin', {
          hosts: ['httpbin'],
          http: [{ match: [{ uri: { exact: '/only' } }], route: [{ destination: { host: 'httpbin' } }] }],
        }),
      ],
      w.endpoints,
    );
    expect(table.route(R('/other'), mulberry32(1))).toMatchObject({
      kind: 'reject',
      status: 404,
      flag: 'NR',
    });
  });
});
