import type { HTTPRoute } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { fwd, httpbinWorld, req, sidecar, vs } from './testing/fixtures.js';
import { binomialBand, mulberry32 } from './testing/mulberry32.js';
import type { RequestAttributes } from './types.js';

const V1 = { destination: { host: 'httpbin', subset: 'v1' } };

function decide(route: HTTPRoute, r: RequestAttributes = req('httpbin:8000', '/'), seed = 1) {
  const w = httpbinWorld();
  const t = sidecar([...w.resources, vs('httpbin', { hosts: ['httpbin'], http: [route] })], w.endpoints);
  return t.route(r, mulberry32(seed));
}

describe('headers (Istio Headers, route level then destination level)', () => {
  it('merges set/add/remove with destination-level set winning', () => {
    const d = fwd(
      decide({
        headers: {
          request: { set: { 'X-A': 'route' }, add: { 'x-add': '1' }, remove: ['x-r1'] },
          response: { set: { 'x-resp': 'r' } },
        },
        route: [
          {
            ...V1,
            headers: { request: { set: { 'x-a': 'dest' }, add: { 'x-add': '2' }, remove: ['x-r2'] } },
          },
        ],
      }),
    );
    expect(d.requestHeaders).toEqual({
      set: { 'x-a': 'dest' },
      add: { 'x-add': '1,2' },
      remove: ['x-r1', 'x-r2'],
    });
    expect(d.responseHeaders).toEqual({ set: { 'x-resp': 'r' }, add: {}, remove: [] });
  });
  it('per-destination headers apply only to the chosen destination (Gateway API BackendRequestHeaderModification)', () => {
    const route: HTTPRoute = {
      route: [
        {
          destination: { host: 'httpbin', subset: 'v1' },
          weight: 50,
          headers: { request: { set: { backend: 'v1' } } },
        },
        {
          destination: { host: 'httpbin', subset: 'v2' },
          weight: 50,
          headers: { request: { set: { backend: 'v2' } } },
        },
      ],
    };
    for (let seed = 1; seed < 40; seed++) {
      const d = fwd(decide(route, req('httpbin:8000'), seed));
      expect(d.requestHeaders.set.backend).toBe(d.cluster.subset);
    }
  });
  it('headers.request.set.host is an authority rewrite in Istio', () => {
    const d = fwd(decide({ headers: { request: { set: { host: 'other:81' } } }, route: [V1] }));
    expect(d.authority).toBe('other:81');
    expect(d.requestHeaders.set).toEqual({});
  });
});

describe('rewrite (Istio HTTPRewrite → Envoy prefix_rewrite / regex_rewrite / host_rewrite)', () => {
  it.each<[string, HTTPRoute['match'], string, string, string]>([
    [
      'prefix match: only the matched prefix is replaced',
      [{ uri: { prefix: '/api' } }],
      '/v2',
      '/api/items?x=1',
      '/v2/items?x=1',
    ],
    [
      'ignoreUriCase prefix replaces the same length',
      [{ uri: { prefix: '/API/' }, ignoreUriCase: true }],
      '/',
      '/api/x',
      '/x',
    ],
    [
      'prefix /api + rewrite / gives //x, exactly as Envoy prefix_rewrite',
      [{ uri: { prefix: '/api' } }],
      '/',
      '/api/x',
      '//x',
    ],
    [
      'exact match: the whole path is replaced, query kept',
      [{ uri: { exact: '/old' } }],
      '/new',
      '/old?q=1',
      '/new?q=1',
    ],
    ['regex match: the whole path is replaced', [{ uri: { regex: '/u/[0-9]+' } }], '/user', '/u/42', '/user'],
    ['no uri condition: Envoy replaces the implicit prefix /', undefined, '/v1/', '/headers', '/v1/headers'],
  ])('%s', (_name, match, uri, path, expected) => {
    const d = fwd(decide({ match, rewrite: { uri }, route: [V1] }, req('httpbin:8000', path)));
    expect(d.path).toBe(expected);
  });
  it('uriRegexRewrite substitutes every match with RE2 \\1 groups', () => {
    const d = fwd(
      decide(
        {
          rewrite: { uriRegexRewrite: { match: '^/service/([^/]+)(/.*)$', rewrite: '\\2/instance/\\1' } },
          route: [V1],
        },
        req('httpbin:8000', '/service/foo/v1/api?x'),
      ),
    );
    expect(d.path).toBe('/v1/api/instance/foo?x');
  });
  it('rewrite.authority replaces the authority for the primary', () => {
    expect(fwd(decide({ rewrite: { authority: 'new.host' }, route: [V1] })).authority).toBe('new.host');
  });
});

describe('redirect and directResponse', () => {
  it.each<[string, HTTPRoute['redirect'], string, string, number]>([
    [
      'uri only, default code 301, query kept',
      { uri: '/new' },
      '/old?a=1',
      'http://httpbin:8000/new?a=1',
      301,
    ],
    [
      'uri with its own query replaces the query (Envoy path_redirect)',
      { uri: '/new?b=2' },
      '/old?a=1',
      'http://httpbin:8000/new?b=2',
      301,
    ],
    [
      'authority and code',
      { authority: 'example.org', redirectCode: 302 },
      '/p',
      'http://example.org/p',
      302,
    ],
    ['scheme https drops no non-default port', { scheme: 'https' }, '/p', 'https://httpbin:8000/p', 301],
    ['port replaces the port', { port: 9000 }, '/p', 'http://httpbin:9000/p', 301],
    [
      'derivePort FROM_PROTOCOL_DEFAULT omits the default port',
      { scheme: 'https', derivePort: 'FROM_PROTOCOL_DEFAULT' },
      '/p',
      'https://httpbin/p',
      301,
    ],
  ])('%s', (_name, redirect, path, location, status) => {
    expect(decide({ redirect }, req('httpbin:8000', path))).toEqual({ kind: 'redirect', status, location });
  });
  it('prefixRewrite replaces the matched prefix', () => {
    expect(
      decide(
        { match: [{ uri: { prefix: '/v1' } }], redirect: { prefixRewrite: '/v2' } },
        req('httpbin:8000', '/v1/x'),
      ),
    ).toMatchObject({
      location: 'http://httpbin:8000/v2/x',
    });
  });
  it('scheme change drops the old scheme’s default port', () => {
    expect(decide({ redirect: { scheme: 'https' } }, req('httpbin:80', '/p'))).toMatchObject({
      location: 'https://httpbin/p',
    });
  });
  it('directResponse with body.string', () => {
    expect(decide({ directResponse: { status: 503, body: { string: 'down' } } })).toEqual({
      kind: 'direct-response',
      status: 503,
      body: 'down',
    });
  });
  it('directResponse with body.bytes (base64)', () => {
    expect(decide({ directResponse: { status: 200, body: { bytes: 'aMOpbGxv' } } })).toMatchObject({
      body: 'héllo',
    });
  });
});

describe('timeout, retries, fault', () => {
  it.each([
    ['timeout default: none', {}, null],
    ['timeout 1.5s', { timeout: '1.5s' }, 1500],
    ['timeout 0s disables', { timeout: '0s' }, null],
  ])('%s', (_name, extra, expected) => {
    expect(fwd(decide({ route: [V1], ...extra })).timeoutMs).toBe(expected);
  });

  it('retries unset ⇒ Istio mesh default (2 on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes; 503)', () => {
    const r = fwd(decide({ route: [V1] })).retry!;
    expect(r.attempts).toBe(2);
    expect([...r.retryOn].sort()).toEqual([
      'cancelled',
      'connect-failure',
      'refused-stream',
      'retriable-status-codes',
      'unavailable',
    ]);
    expect([...r.retriableStatusCodes]).toEqual([503]);
  });
  it('retries attempts 0 disables retries', () => {
    expect(fwd(decide({ route: [V1], retries: { attempts: 0 } })).retry).toBeNull();
  });
  it('retryOn with conditions and codes: numbers become retriable codes and add retriable-status-codes', () => {
    const r = fwd(
      decide({
        route: [V1],
        retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,gateway-error,connect-failure,reset,429' },
      }),
    ).retry!;
    expect(r).toMatchObject({ attempts: 3, perTryTimeoutMs: 2000 });
    expect([...r.retryOn].sort()).toEqual([
      '5xx',
      'connect-failure',
      'gateway-error',
      'reset',
      'retriable-status-codes',
    ]);
    expect([...r.retriableStatusCodes]).toEqual([429]);
  });
  it('retries with attempts but no retryOn keep the default conditions', () => {
    const r = fwd(decide({ route: [V1], retries: { attempts: 5 } })).retry!;
    expect(r.attempts).toBe(5);
    expect(r.retryOn.has('connect-failure')).toBe(true);
  });

  it('fault percentage unspecified ⇒ never applied (Istio HTTPFaultInjection)', () => {
    const route: HTTPRoute = {
      route: [V1],
      fault: { delay: { fixedDelay: '5s' }, abort: { httpStatus: 500 } },
    };
    for (let s = 1; s < 50; s++) expect(fwd(decide(route, req('httpbin:8000'), s)).fault).toBeNull();
  });
  it('fault delay 100 % and abort 30 %: delay always, abort within the 4σ band, independent draws', () => {
    const w = httpbinWorld();
    const route: HTTPRoute = {
      route: [V1],
      fault: {
        delay: { fixedDelay: '100ms', percentage: { value: 100 } },
        abort: { httpStatus: 503, percentage: { value: 30 } },
      },
    };
    const t = sidecar([...w.resources, vs('h', { hosts: ['httpbin'], http: [route] })], w.endpoints);
    const random = mulberry32(3);
    const n = 20_000;
    let aborts = 0;
    for (let i = 0; i < n; i++) {
      const f = fwd(t.route(req('httpbin:8000'), random)).fault!;
      expect(f.delayMs).toBe(100);
      if (f.abortStatus === 503) aborts++;
    }
    const [lo, hi] = binomialBand(n, 0.3);
    expect(aborts).toBeGreaterThanOrEqual(lo);
    expect(aborts).toBeLessThanOrEqual(hi);
  });
  it('deprecated integer delay.percent still applies', () => {
    expect(fwd(decide({ route: [V1], fault: { delay: { fixedDelay: '1s', percent: 100 } } })).fault).toEqual({
      delayMs: 1000,
      abortStatus: null,
    });
  });
});
