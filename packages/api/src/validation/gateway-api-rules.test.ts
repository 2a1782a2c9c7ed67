// HTTPRoute validation, table-driven. Most cases are the Gateway API CRD validation tests
// (kubernetes-sigs/gateway-api v1.2.1 pkg/test/cel/httproute_test.go, httproute_experimental_test.go,
// httproute_standard_test.go and hack/invalid-examples/standard/httproute/), each asserting the field path
// Shadowmesh reports and the CEL message (or a fragment of ours where the CRD has only a pattern).
import { describe, expect, it } from 'vitest';
import type { GatewayHTTPRoute } from '../resources/gateway-api/http-route-kind.js';
import { checkHTTPRoute } from './gateway-api-rules.js';
import { validateResource } from './validate-resource.js';

type Obj = Record<string, unknown>;
const route = (spec: Obj, metadata: Obj = { name: 'r' }) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata,
  spec,
});
const backend = { name: 'test', port: 8080 };
const rule = (r: Obj) => route({ rules: [r] });
const path = (type: string, value: string) =>
  rule({ matches: [{ path: { type, value } }], backendRefs: [backend] });
const filters = (...fs: Obj[]) => rule({ filters: fs });
const mirror = (extra: Obj = {}) => ({
  type: 'RequestMirror',
  requestMirror: { backendRef: { name: 'test', port: 8081 }, ...extra },
});
const prefixRewrite = (to = 'foo') => ({
  type: 'URLRewrite',
  urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: to } },
});
const prefixRedirect = (to = 'foo') => ({
  type: 'RequestRedirect',
  requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: to } },
});
const fullRedirect = (to: string) => ({
  type: 'RequestRedirect',
  requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: to } },
});
const setHeader = (type: 'RequestHeaderModifier' | 'ResponseHeaderModifier', h: Obj) => ({
  type,
  [type === 'RequestHeaderModifier' ? 'requestHeaderModifier' : 'responseHeaderModifier']: h,
});
const prefix = (value: string) => ({ path: { type: 'PathPrefix', value } });
const gw = (extra: Obj = {}) => ({
  name: 'gw',
  kind: 'Gateway',
  group: 'gateway.networking.k8s.io',
  ...extra,
});
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const timeouts = (t: Obj) => rule({ timeouts: t, backendRefs: [backend] });

const WHEN = "when type one of ['Exact', 'PathPrefix']";
const CHARS =
  "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']";
const PM = (p: string) => `spec.rules[0].matches[0]${p}`;
const F = (i: number, p = '') => `spec.rules[0].filters[${i}]${p}`;

// [case, HTTPRoute, field, message (literal text, or a pattern)]
const rejected: [string, unknown, string, string | RegExp][] = [
  // TestHTTPPathMatch
  [
    'path does not start with /',
    path('PathPrefix', 'foo'),
    PM('.path.value'),
    `value must be an absolute path and start with '/' ${WHEN}`,
  ],
  ['prefix /.', path('PathPrefix', '/.'), PM('.path.value'), `must not end with '/.' ${WHEN}`],
  ['exact /./', path('Exact', '/foo/./bar'), PM('.path.value'), `must not contain '/./' ${WHEN}`],
  ['prefix //', path('PathPrefix', '/a//b'), PM('.path.value'), `must not contain '//' ${WHEN}`],
  ['prefix /../', path('PathPrefix', '/a/../b'), PM('.path.value'), `must not contain '/../' ${WHEN}`],
  ['prefix %2f', path('PathPrefix', '/a%2fb'), PM('.path.value'), `must not contain '%2f' ${WHEN}`],
  ['prefix %2F', path('PathPrefix', '/a%2Fb'), PM('.path.value'), `must not contain '%2F' ${WHEN}`],
  ['prefix #', path('PathPrefix', '/a#b'), PM('.path.value'), `must not contain '#' ${WHEN}`],
  ['prefix ends /..', path('PathPrefix', '/a/..'), PM('.path.value'), `must not end with '/..' ${WHEN}`],
  [
    'invalid path type',
    path('FooBar', '/path'),
    PM('.path.type'),
    /must be one of Exact, PathPrefix, RegularExpression/,
  ],
  ['prefix /[]', path('PathPrefix', '/[]'), PM('.path.value'), CHARS],
  ['prefix /my[/]path01', path('PathPrefix', '/my[/]path01'), PM('.path.value'), CHARS],
  ['exact /^', path('Exact', '/^'), PM('.path.value'), CHARS],
  ['path longer than 1024', path('PathPrefix', `/${'a'.repeat(1024)}`), PM('.path.value'), /at most 1024/],
  // RE2, as VirtualService regexes: a hostile or JavaScript-only regex is refused.
  ['invalid regex', path('RegularExpression', '/(a'), PM('.path.value'), /regex "\/\(a" is invalid/],
  ['lookahead regex', path('RegularExpression', '/(?=a)'), PM('.path.value'), /lookahead .* not supported/],
  [
    'backreference regex',
    path('RegularExpression', '/(a)\\1'),
    PM('.path.value'),
    /backreferences .* not supported/,
  ],
  [
    'huge regex',
    path('RegularExpression', 'a{999}'.repeat(33)),
    PM('.path.value'),
    /too large: RE2 program size/,
  ],
  [
    'header regex',
    rule({ matches: [{ headers: [{ type: 'RegularExpression', name: 'x', value: '(?<=a)b' }] }] }),
    PM('.headers[0].value'),
    /lookbehind/,
  ],
  [
    'query regex',
    rule({ matches: [{ queryParams: [{ type: 'RegularExpression', name: 'q', value: '[' }] }] }),
    PM('.queryParams[0].value'),
    /invalid/,
  ],
  // hack/invalid-examples: header names, duplicates, methods
  [
    'invalid header name',
    rule({ matches: [{ headers: [{ type: 'Exact', name: 'magic/', value: 'foo' }] }] }),
    PM('.headers[0].name'),
    /not a valid HTTP header name/,
  ],
  [
    'duplicate header match',
    rule({
      matches: [
        {
          headers: [
            { name: 'foo', value: 'bar' },
            { name: 'foo', value: 'bar' },
          ],
        },
      ],
    }),
    PM('.headers[1].name'),
    /"foo" is matched more than once/,
  ],
  [
    'duplicate header match, other case',
    rule({
      matches: [
        {
          headers: [
            { name: 'x-user', value: 'a' },
            { name: 'X-User', value: 'b' },
          ],
        },
      ],
    }),
    PM('.headers[1].name'),
    /case-insensitive/,
  ],
  [
    'duplicate query match',
    rule({
      matches: [
        {
          queryParams: [
            { name: 'foo', value: 'bar' },
            { name: 'foo', value: 'bar' },
          ],
        },
      ],
    }),
    PM('.queryParams[1].name'),
    /query parameter "foo" is matched more than once/,
  ],
  [
    'empty header value',
    rule({ matches: [{ headers: [{ name: 'x', value: '' }] }] }),
    PM('.headers[0].value'),
    /must not be empty/,
  ],
  ['invalid method', rule({ matches: [{ method: 'NOTREAL' }] }), PM('.method'), /must be one of GET, HEAD/],
  [
    '17 header matches',
    rule({ matches: [{ headers: times(17, (i) => ({ name: `h${i}`, value: 'v' })) }] }),
    PM('.headers'),
    'must have at most 16 items (has 17)',
  ],
  // TestBackendObjectReference and hack/invalid-examples
  [
    'default groupkind with no port',
    rule({ backendRefs: [{ name: 'backend' }] }),
    'spec.rules[0].backendRefs[0].port',
    'Must have port for Service reference',
  ],
  [
    'explicit service with no port',
    rule({ backendRefs: [{ group: '', kind: 'Service', name: 'backend' }] }),
    'spec.rules[0].backendRefs[0].port',
    'Must have port for Service reference',
  ],
  [
    'non-Service backend',
    rule({ backendRefs: [{ group: 'foo.example.com', kind: 'Foo', name: 'backend' }] }),
    'spec.rules[0].backendRefs[0].kind',
    /only Service backends are supported/,
  ],
  [
    'Service of another group',
    rule({ backendRefs: [{ group: 'example.com', kind: 'Service', name: 'b', port: 80 }] }),
    'spec.rules[0].backendRefs[0].group',
    /only Service backends are supported/,
  ],
  [
    'backend group *',
    rule({ backendRefs: [{ group: '*', name: 'foo', port: 80 }] }),
    'spec.rules[0].backendRefs[0].group',
    /group "\*" must be empty/,
  ],
  [
    'backend kind *',
    rule({ backendRefs: [{ kind: '*', name: 'foo', port: 80 }] }),
    'spec.rules[0].backendRefs[0].kind',
    /kind "\*" must be/,
  ],
  [
    'backend port 800080',
    rule({ backendRefs: [{ name: 'my-service1', port: 800080 }] }),
    'spec.rules[0].backendRefs[0].port',
    /out of range 1-65535/,
  ],
  [
    'weight below 0',
    rule({ backendRefs: [{ ...backend, weight: -1 }] }),
    'spec.rules[0].backendRefs[0].weight',
    /between 0 and 1000000/,
  ],
  [
    'weight above 1000000',
    rule({ backendRefs: [{ ...backend, weight: 1_000_001 }] }),
    'spec.rules[0].backendRefs[0].weight',
    /between 0 and 1000000/,
  ],
  [
    '17 backendRefs',
    rule({ backendRefs: times(17, (i) => ({ name: `b${i}`, port: 80 })) }),
    'spec.rules[0].backendRefs',
    'must have at most 16 items (has 17)',
  ],
  [
    'backendRef without name',
    rule({ backendRefs: [{ name: '', port: 80 }] }),
    'spec.rules[0].backendRefs[0].name',
    /must not be empty/,
  ],
  [
    'backendRef namespace',
    rule({ backendRefs: [{ ...backend, namespace: 'Bad_NS' }] }),
    'spec.rules[0].backendRefs[0].namespace',
    /DNS-1123 label/,
  ],
  // TestHTTPRouteFilter
  [
    'RequestHeaderModifier type with requestMirror',
    filters({ type: 'RequestHeaderModifier', requestMirror: mirror().requestMirror }),
    F(0, '.requestMirror'),
    'filter.requestMirror must be nil if the filter.type is not RequestMirror',
  ],
  [
    'RequestHeaderModifier type without its field',
    filters({ type: 'RequestHeaderModifier' }),
    F(0, '.requestHeaderModifier'),
    'filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type',
  ],
  [
    'RequestMirror type with requestHeaderModifier',
    filters({ type: 'RequestMirror', requestHeaderModifier: {} }),
    F(0, '.requestHeaderModifier'),
    'filter.requestHeaderModifier must be nil if the filter.type is not RequestHeaderModifier',
  ],
  [
    'RequestMirror type without its field',
    filters({ type: 'RequestMirror' }),
    F(0, '.requestMirror'),
    'filter.requestMirror must be specified for RequestMirror filter.type',
  ],
  [
    'RequestRedirect type without its field',
    filters({ type: 'RequestRedirect' }),
    F(0, '.requestRedirect'),
    'filter.requestRedirect must be specified for RequestRedirect filter.type',
  ],
  [
    'URLRewrite type without its field',
    filters({ type: 'URLRewrite' }),
    F(0, '.urlRewrite'),
    'filter.urlRewrite must be specified for URLRewrite filter.type',
  ],
  [
    'ResponseHeaderModifier type without its field',
    filters({ type: 'ResponseHeaderModifier' }),
    F(0, '.responseHeaderModifier'),
    'filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type',
  ],
  [
    'RequestHeaderModifier with a requestRedirect (invalid-filter-wrong-field)',
    filters({ type: 'RequestHeaderModifier', requestRedirect: { port: 443 } }),
    F(0, '.requestRedirect'),
    'filter.requestRedirect must be nil if the filter.type is not RequestRedirect',
  ],
  [
    'URLRewrite type with urlRewrite and requestMirror',
    filters({ ...prefixRewrite(), requestMirror: mirror().requestMirror }),
    F(0, '.requestMirror'),
    'filter.requestMirror must be nil if the filter.type is not RequestMirror',
  ],
  [
    'ExtensionRef filter',
    filters({ type: 'ExtensionRef', extensionRef: { group: 'group', kind: 'kind', name: 'name' } }),
    F(0, '.type'),
    /ExtensionRef filters are not supported/,
  ],
  [
    'ExtensionRef type without its field',
    filters({ type: 'ExtensionRef' }),
    F(0, '.extensionRef'),
    'filter.extensionRef must be specified for ExtensionRef filter.type',
  ],
  // TestHTTPRouteRule
  [
    'redirect with backendRefs',
    rule({
      filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }],
      backendRefs: [{ name: 'example-svc', port: 80 }],
    }),
    F(0, '.requestRedirect'),
    'RequestRedirect filter must not be used together with backendRefs',
  ],
  [
    'URLRewrite prefix with two path matches',
    rule({ matches: [prefix('/foo'), prefix('/bar')], filters: [prefixRewrite()] }),
    F(0, '.urlRewrite.path.replacePrefixMatch'),
    'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
  ],
  [
    'URLRewrite prefix with a regex match',
    rule({ matches: [{ path: { type: 'RegularExpression', value: '/foo' } }], filters: [prefixRewrite()] }),
    F(0, '.urlRewrite.path.replacePrefixMatch'),
    'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
  ],
  [
    'URLRewrite prefix with an exact match',
    rule({ matches: [{ path: { type: 'Exact', value: '/foo' } }], filters: [prefixRewrite()] }),
    F(0, '.urlRewrite.path.replacePrefixMatch'),
    /exactly one PathPrefix match/,
  ],
  [
    'URLRewrite prefix with matches: []',
    rule({ matches: [], filters: [prefixRewrite()] }),
    F(0, '.urlRewrite.path.replacePrefixMatch'),
    /exactly one PathPrefix match/,
  ],
  [
    'RequestRedirect prefix with two path matches',
    rule({ matches: [prefix('/foo'), prefix('/bar')], filters: [prefixRedirect()] }),
    F(0, '.requestRedirect.path.replacePrefixMatch'),
    'When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
  ],
  [
    'RequestRedirect prefix with a regex match',
    rule({ matches: [{ path: { type: 'RegularExpression', value: '/foo' } }], filters: [prefixRedirect()] }),
    F(0, '.requestRedirect.path.replacePrefixMatch'),
    'When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
  ],
  [
    'URLRewrite prefix within backendRefs with two path matches',
    rule({
      matches: [prefix('/foo'), prefix('/bar')],
      backendRefs: [{ ...backend, filters: [prefixRewrite()] }],
    }),
    'spec.rules[0].backendRefs[0].filters[0].urlRewrite.path.replacePrefixMatch',
    'Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
  ],
  [
    'RequestRedirect prefix within backendRefs with a regex match',
    rule({
      matches: [{ path: { type: 'RegularExpression', value: '/foo' } }],
      backendRefs: [{ ...backend, filters: [prefixRedirect()] }],
    }),
    'spec.rules[0].backendRefs[0].filters[0].requestRedirect.path.replacePrefixMatch',
    'Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
  ],
  [
    'rewrite and redirect combined',
    filters(prefixRewrite(), prefixRedirect()),
    F(1),
    'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both',
  ],
  [
    'repeated URLRewrite',
    rule({ matches: [prefix('/')], filters: [prefixRewrite('foo'), prefixRewrite('bar')] }),
    F(1),
    'URLRewrite filter cannot be repeated',
  ],
  [
    'repeated RequestHeaderModifier among a mix',
    filters(
      setHeader('RequestHeaderModifier', { set: [{ name: 'special-header', value: 'foo' }] }),
      mirror(),
      setHeader('RequestHeaderModifier', { add: [{ name: 'my-header', value: 'bar' }] }),
    ),
    F(2),
    'RequestHeaderModifier filter cannot be repeated',
  ],
  [
    'repeated ResponseHeaderModifier (multiple repeated)',
    filters(
      setHeader('ResponseHeaderModifier', { set: [{ name: 'special-header', value: 'foo' }] }),
      setHeader('ResponseHeaderModifier', { add: [{ name: 'my-header', value: 'bar' }] }),
      fullRedirect('foo'),
      fullRedirect('bar'),
    ),
    F(1),
    'ResponseHeaderModifier filter cannot be repeated',
  ],
  [
    'repeated RequestRedirect (multiple repeated)',
    filters(
      setHeader('ResponseHeaderModifier', { set: [{ name: 'special-header', value: 'foo' }] }),
      setHeader('ResponseHeaderModifier', { add: [{ name: 'my-header', value: 'bar' }] }),
      fullRedirect('foo'),
      fullRedirect('bar'),
    ),
    F(3),
    'RequestRedirect filter cannot be repeated',
  ],
  [
    'too many matches and rules (7 × 20)',
    route({ rules: times(7, () => ({ matches: times(20, () => prefix('/')) })) }),
    'spec.rules',
    /the total number of matches across all rules in a route must be less than 128/,
  ],
  // TestHTTPBackendRef
  [
    'repeated URLRewrite within backendRefs',
    rule({
      matches: [prefix('/')],
      backendRefs: [{ ...backend, filters: [prefixRewrite('foo'), prefixRewrite('bar')] }],
    }),
    'spec.rules[0].backendRefs[0].filters[1]',
    'URLRewrite filter cannot be repeated',
  ],
  // TestHTTPPathModifier
  [
    'ReplaceFullPath without replaceFullPath',
    filters({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath' } } }),
    F(0, '.urlRewrite.path.replaceFullPath'),
    "replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
  ],
  [
    'replaceFullPath with the other type',
    filters({
      type: 'URLRewrite',
      urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/a', replaceFullPath: '/b' } },
    }),
    F(0, '.urlRewrite.path.type'),
    "type must be 'ReplaceFullPath' when replaceFullPath is set",
  ],
  [
    'ReplacePrefixMatch without replacePrefixMatch',
    filters({ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch' } } }),
    F(0, '.requestRedirect.path.replacePrefixMatch'),
    "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'",
  ],
  [
    'replacePrefixMatch with the other type',
    filters({
      type: 'RequestRedirect',
      requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/a', replacePrefixMatch: '/b' } },
    }),
    F(0, '.requestRedirect.path.type'),
    "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set",
  ],
  // Redirects and rewrites
  [
    'wildcard redirect hostname (invalid-httredirect-hostname)',
    rule({
      filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: '*.gateway.networking.k8s.io' } }],
    }),
    F(0, '.requestRedirect.hostname'),
    /lower-case RFC 1123 hostname without a wildcard/,
  ],
  [
    'rewrite hostname with a port',
    filters({ type: 'URLRewrite', urlRewrite: { hostname: 'a.example.com:80' } }),
    F(0, '.urlRewrite.hostname'),
    /must not include a port/,
  ],
  [
    'redirect status 304',
    filters({ type: 'RequestRedirect', requestRedirect: { statusCode: 304 } }),
    F(0, '.requestRedirect.statusCode'),
    'statusCode must be one of 301, 302, 303, 307, 308 (got 304)',
  ],
  [
    'redirect port 0',
    filters({ type: 'RequestRedirect', requestRedirect: { port: 0 } }),
    F(0, '.requestRedirect.port'),
    /out of range 1-65535/,
  ],
  [
    'redirect scheme ftp',
    filters({ type: 'RequestRedirect', requestRedirect: { scheme: 'ftp' } }),
    F(0, '.requestRedirect.scheme'),
    /must be one of http, https/,
  ],
  // Mirrors (experimental in 1.2, standard since)
  [
    'mirror with percent and fraction',
    filters(mirror({ percent: 50, fraction: { numerator: 83, denominator: 100 } })),
    F(0, '.requestMirror'),
    'Only one of percent or fraction may be specified in HTTPRequestMirrorFilter',
  ],
  [
    'fraction numerator above denominator',
    filters(mirror({ fraction: { numerator: 1001, denominator: 1000 } })),
    F(0, '.requestMirror.fraction'),
    'numerator must be less than or equal to denominator',
  ],
  [
    'fraction numerator above the default denominator',
    filters(mirror({ fraction: { numerator: 101 } })),
    F(0, '.requestMirror.fraction'),
    'numerator must be less than or equal to denominator',
  ],
  [
    'fraction numerator below 0',
    filters(mirror({ fraction: { numerator: -1 } })),
    F(0, '.requestMirror.fraction.numerator'),
    'must be at least 0 (got -1)',
  ],
  [
    'fraction denominator 0',
    filters(mirror({ fraction: { numerator: 0, denominator: 0 } })),
    F(0, '.requestMirror.fraction.denominator'),
    'must be at least 1 (got 0)',
  ],
  [
    'mirror percent 101',
    filters(mirror({ percent: 101 })),
    F(0, '.requestMirror.percent'),
    /max value of 100/,
  ],
  ['mirror percent -1', filters(mirror({ percent: -1 })), F(0, '.requestMirror.percent'), /min value of 0/],
  [
    'mirror without port',
    filters({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'v2' } } }),
    F(0, '.requestMirror.backendRef.port'),
    'Must have port for Service reference',
  ],
  [
    'mirror to a non-Service',
    filters({
      type: 'RequestMirror',
      requestMirror: { backendRef: { kind: 'ServiceImport', group: 'multicluster.x-k8s.io', name: 'v2' } },
    }),
    F(0, '.requestMirror.backendRef.kind'),
    /only Service backends/,
  ],
  // Header modifiers (hack/invalid-examples and the list bounds)
  [
    'duplicate remove (invalid-filter-duplicate-header)',
    filters(setHeader('RequestHeaderModifier', { remove: ['foo', 'foo'] })),
    F(0, '.requestHeaderModifier.remove[1]'),
    /appears more than once in remove/,
  ],
  [
    'duplicate RequestHeaderModifier (invalid-filter-duplicate)',
    filters(
      setHeader('RequestHeaderModifier', { add: [{ name: 'my-header', value: 'foo' }] }),
      setHeader('RequestHeaderModifier', { add: [{ name: 'my-header', value: 'bar' }] }),
    ),
    F(1),
    'RequestHeaderModifier filter cannot be repeated',
  ],
  [
    'duplicate set name',
    filters(
      setHeader('ResponseHeaderModifier', {
        set: [
          { name: 'X-A', value: '1' },
          { name: 'x-a', value: '2' },
        ],
      }),
    ),
    F(0, '.responseHeaderModifier.set[1].name'),
    /appears more than once in set/,
  ],
  [
    'invalid add name',
    filters(setHeader('RequestHeaderModifier', { add: [{ name: 'a b', value: '1' }] })),
    F(0, '.requestHeaderModifier.add[0].name'),
    /not a valid HTTP header name/,
  ],
  [
    'empty set value',
    filters(setHeader('RequestHeaderModifier', { set: [{ name: 'x', value: '' }] })),
    F(0, '.requestHeaderModifier.set[0].value'),
    /must not be empty/,
  ],
  [
    '17 removes',
    filters(setHeader('RequestHeaderModifier', { remove: times(17, (i) => `x-${i}`) })),
    F(0, '.requestHeaderModifier.remove'),
    'must have at most 16 items (has 17)',
  ],
  [
    '17 sets',
    filters(setHeader('RequestHeaderModifier', { set: times(17, (i) => ({ name: `x-${i}`, value: 'v' })) })),
    F(0, '.requestHeaderModifier.set'),
    'must have at most 16 items (has 17)',
  ],
  [
    'reserved set',
    filters(setHeader('RequestHeaderModifier', { set: [{ name: 'Content-Length', value: '0' }] })),
    F(0, '.requestHeaderModifier.set[0].name'),
    /cannot be changed by a header operation/,
  ],
  [
    'reserved remove',
    filters(setHeader('ResponseHeaderModifier', { remove: ['transfer-encoding'] })),
    F(0, '.responseHeaderModifier.remove[0]'),
    /cannot be changed by a header operation/,
  ],
  [
    'reserved add in a backendRef',
    rule({
      backendRefs: [
        {
          ...backend,
          filters: [
            setHeader('RequestHeaderModifier', { add: [{ name: 'proxy-authorization', value: 'x' }] }),
          ],
        },
      ],
    }),
    'spec.rules[0].backendRefs[0].filters[0].requestHeaderModifier.add[0].name',
    /cannot be changed/,
  ],
  [
    '17 filters',
    rule({ filters: times(17, () => mirror()) }),
    'spec.rules[0].filters',
    'must have at most 16 items (has 17)',
  ],
  // Timeouts (httproute_experimental_test.go TestHTTPRouteTimeouts; the format is GEP-2257)
  [
    'timeout unit us',
    timeouts({ request: '100us' }),
    'spec.rules[0].timeouts.request',
    /must be a Gateway API duration/,
  ],
  [
    'timeout unit ns',
    timeouts({ request: '500ns' }),
    'spec.rules[0].timeouts.request',
    /must be a Gateway API duration/,
  ],
  [
    'timeout day unit',
    timeouts({ request: '1d' }),
    'spec.rules[0].timeouts.request',
    /must be a Gateway API duration/,
  ],
  [
    'timeout decimal',
    timeouts({ request: '0.5s' }),
    'spec.rules[0].timeouts.request',
    /must be a Gateway API duration/,
  ],
  [
    'backendRequest longer than request',
    timeouts({ request: '200ms', backendRequest: '1s' }),
    'spec.rules[0].timeouts.backendRequest',
    'backendRequest timeout cannot be longer than request timeout',
  ],
  // Rules: bounds and names (TestHTTPRouteRuleExperimental)
  [
    '17 rules',
    route({ rules: times(17, () => ({ backendRefs: [backend] })) }),
    'spec.rules',
    'must have at most 16 items (has 17)',
  ],
  [
    '65 matches in a rule',
    rule({ matches: times(65, (i) => prefix(`/p${i}`)) }),
    'spec.rules[0].matches',
    'must have at most 64 items (has 65)',
  ],
  [
    'repeated rule names',
    route({ rules: [{ name: 'name1' }, { name: 'name1' }] }),
    'spec.rules[1].name',
    'Rule name must be unique within the route',
  ],
  [
    'repeated rule names among others',
    route({ rules: [{ name: 'name1' }, { name: 'not-name1' }, { name: 'name1' }] }),
    'spec.rules[2].name',
    'Rule name must be unique within the route',
  ],
  [
    'rule name not a section name',
    route({ rules: [{ name: 'Name_1' }] }),
    'spec.rules[0].name',
    /DNS-1123 subdomain/,
  ],
  // Hostnames
  [
    'hostname http://a< (invalid-hostname)',
    route({ hostnames: ['http://a<'] }),
    'spec.hostnames[0]',
    /lower-case RFC 1123 hostname with an optional leading "\*\." label/,
  ],
  ['hostname IP', route({ hostnames: ['192.168.1.1'] }), 'spec.hostnames[0]', /is an IP address/],
  ['hostname IPv6', route({ hostnames: ['::1'] }), 'spec.hostnames[0]', /is an IP address/],
  [
    'hostname with port',
    route({ hostnames: ['example.com:8080'] }),
    'spec.hostnames[0]',
    /must not include a port/,
  ],
  ['hostname upper case', route({ hostnames: ['Example.com'] }), 'spec.hostnames[0]', /lower-case/],
  ['hostname * alone', route({ hostnames: ['*'] }), 'spec.hostnames[0]', /RFC 1123/],
  ['hostname inner wildcard', route({ hostnames: ['a.*.example.com'] }), 'spec.hostnames[0]', /RFC 1123/],
  [
    'hostname label of 64',
    route({ hostnames: [`${'a'.repeat(64)}.com`] }),
    'spec.hostnames[0]',
    /at most 63 characters/,
  ],
  ['empty hostname', route({ hostnames: [''] }), 'spec.hostnames[0]', /must not be empty/],
  [
    '17 hostnames',
    route({ hostnames: times(17, (i) => `h${i}.example.com`) }),
    'spec.hostnames',
    'must have at most 16 items (has 17)',
  ],
  // Parent references (httproute_experimental_test.go TestHTTPRouteParentRefExperimental)
  [
    'duplicate parents without port or sectionName',
    route({ parentRefs: [gw(), gw()] }),
    'spec.parentRefs[1]',
    'sectionName or port must be unique when parentRefs includes 2 or more references to the same parent',
  ],
  [
    'duplicate parents, only one port',
    route({ parentRefs: [gw(), gw({ port: 80 })] }),
    'spec.parentRefs[1]',
    'sectionName or port must be specified when parentRefs includes 2 or more references to the same parent',
  ],
  [
    'duplicate parents, one with sectionName and port',
    route({ parentRefs: [gw(), gw({ sectionName: 'foo', port: 80 })] }),
    'spec.parentRefs[1]',
    'sectionName or port must be specified when parentRefs includes 2 or more references to the same parent',
  ],
  [
    'duplicate parents with duplicate ports',
    route({ parentRefs: [gw({ port: 80 }), gw({ port: 80 })] }),
    'spec.parentRefs[1]',
    'sectionName or port must be unique when parentRefs includes 2 or more references to the same parent',
  ],
  [
    'mixed references to one parent',
    route({ parentRefs: [gw({ sectionName: 'foo' }), gw({ port: 443 })] }),
    'spec.parentRefs[1]',
    'sectionName or port must be specified when parentRefs includes 2 or more references to the same parent',
  ],
  [
    'sectionName, then sectionName and port',
    route({ parentRefs: [gw({ sectionName: 'foo' }), gw({ sectionName: 'foo', port: 443 })] }),
    'spec.parentRefs[1]',
    'sectionName or port must be specified when parentRefs includes 2 or more references to the same parent',
  ],
  [
    'duplicate section names (standard)',
    route({ parentRefs: [gw({ sectionName: 'foo' }), gw({ sectionName: 'foo' })] }),
    'spec.parentRefs[1]',
    /sectionName or port must be unique/,
  ],
  [
    'duplicate Service parents',
    route({
      parentRefs: [
        { group: '', kind: 'Service', name: 'echo' },
        { group: '', kind: 'Service', name: 'echo' },
      ],
    }),
    'spec.parentRefs[1]',
    /must be unique/,
  ],
  [
    'parent of another kind',
    route({ parentRefs: [{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store' }] }),
    'spec.parentRefs[0].kind',
    /a parentRef must be a Gateway .* or a Service/,
  ],
  [
    'Gateway parent in the core group',
    route({ parentRefs: [{ group: '', kind: 'Gateway', name: 'gw' }] }),
    'spec.parentRefs[0].group',
    /a parentRef must be a Gateway/,
  ],
  [
    'Service parent of the default group',
    route({ parentRefs: [{ kind: 'Service', name: 'echo' }] }),
    'spec.parentRefs[0].group',
    /a parentRef must be a Gateway/,
  ],
  [
    'parent port 70000',
    route({ parentRefs: [gw({ port: 70_000 })] }),
    'spec.parentRefs[0].port',
    /out of range 1-65535/,
  ],
  [
    'parent without name',
    route({ parentRefs: [{ name: '' }] }),
    'spec.parentRefs[0].name',
    /must not be empty/,
  ],
  [
    'parent sectionName',
    route({ parentRefs: [gw({ sectionName: 'Bad Name' })] }),
    'spec.parentRefs[0].sectionName',
    /DNS-1123 subdomain/,
  ],
  [
    '33 parents',
    route({ parentRefs: times(33, (i) => gw({ name: `gw${i}` })) }),
    'spec.parentRefs',
    'must have at most 32 items (has 33)',
  ],
];

// [case, HTTPRoute]: valid in the CRD tests, and here.
const accepted: [string, unknown][] = [
  ['regex path that would be invalid for Exact', path('RegularExpression', '/foo/./bar')],
  ['prefix /path', path('PathPrefix', '/path')],
  ['exact path with special characters', path('Exact', "/abc/123'/a-b-c/d@gmail/%0A")],
  ['default groupkind with port', rule({ backendRefs: [{ name: 'backend', port: 99 }] })],
  [
    'explicit Service with port',
    rule({ backendRefs: [{ group: '', kind: 'Service', name: 'backend', port: 99 }] }),
  ],
  [
    'header modifier with set, add and remove',
    filters(
      setHeader('RequestHeaderModifier', {
        set: [{ name: 'name', value: 'foo' }],
        add: [{ name: 'add', value: 'foo' }],
        remove: ['remove'],
      }),
    ),
  ],
  [
    'mirror with a namespace and port',
    filters({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 'name', namespace: 'ns', port: 22 } },
    }),
  ],
  [
    'redirect with every field',
    filters({
      type: 'RequestRedirect',
      requestRedirect: {
        scheme: 'http',
        hostname: 'hostname',
        path: { type: 'ReplaceFullPath', replaceFullPath: 'path' },
        port: 8080,
        statusCode: 302,
      },
    }),
  ],
  [
    'rewrite with hostname and full path',
    filters({
      type: 'URLRewrite',
      urlRewrite: { hostname: 'hostname', path: { type: 'ReplaceFullPath', replaceFullPath: 'path' } },
    }),
  ],
  ['no filters', rule({ matches: [prefix('/')], backendRefs: [{ ...backend, weight: 100 }] })],
  ['one mirror filter', rule({ matches: [prefix('/')], filters: [mirror()] })],
  [
    'repeated mirrors',
    rule({
      filters: [mirror(), mirror({ percent: 10 }), mirror({ fraction: { numerator: 1, denominator: 3 } })],
    }),
  ],
  ['redirect path modifier', filters(fullRedirect('foo'))],
  [
    'rewrite prefix with one PathPrefix match',
    rule({ matches: [prefix('/bar')], filters: [prefixRewrite()] }),
  ],
  ['rewrite prefix with no matches (default PathPrefix /)', rule({ filters: [prefixRewrite()] })],
  [
    'rewrite prefix with a headers-only match (path defaults)',
    rule({ matches: [{ headers: [{ name: 'x', value: 'y' }] }], filters: [prefixRewrite()] }),
  ],
  [
    'redirect prefix with one PathPrefix match',
    rule({ matches: [prefix('/foo')], filters: [prefixRedirect()] }),
  ],
  [
    'rewrite prefix within backendRefs',
    rule({ matches: [prefix('/foo')], backendRefs: [{ ...backend, filters: [prefixRewrite()] }] }),
  ],
  [
    'redirect without backendRefs',
    rule({ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }),
  ],
  [
    'backendRef with a header modifier',
    rule({
      filters: [setHeader('RequestHeaderModifier', { set: [{ name: 'name', value: 'foo' }] })],
      backendRefs: [{ name: 'a', port: 80 }],
    }),
  ],
  [
    'different request headers',
    filters(
      setHeader('RequestHeaderModifier', {
        add: [
          { name: 'x-vegetable', value: 'carrot' },
          { name: 'x-grain', value: 'rye' },
        ],
        set: [
          { name: 'x-fruit', value: 'watermelon' },
          { name: 'x-spice', value: 'coriander' },
        ],
      }),
    ),
  ],
  [
    'many matches and few rules (2 × 48)',
    route({ rules: times(2, () => ({ matches: times(48, () => prefix('/')) })) }),
  ],
  [
    '16 rules of 8 matches',
    route({ rules: times(16, () => ({ matches: times(8, (i) => prefix(`/${i}`)) })) }),
  ],
  [
    'redirect 303, 307 and 308',
    route({
      rules: [303, 307, 308].map((statusCode) => ({
        filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode } }],
      })),
    }),
  ],
  [
    'query names differing in case',
    rule({
      matches: [
        {
          queryParams: [
            { name: 'q', value: 'a' },
            { name: 'Q', value: 'b' },
          ],
        },
      ],
    }),
  ],
  ['timeouts 4s / 2s', timeouts({ request: '4s', backendRequest: '2s' })],
  ['timeout 0s', timeouts({ request: '0s' })],
  ['request 0s (none) and backendRequest 1ms', timeouts({ request: '0s', backendRequest: '1ms' })],
  ['timeouts 1s / 200ms', timeouts({ request: '1s', backendRequest: '200ms' })],
  ['timeouts 10s / 10s', timeouts({ request: '10s', backendRequest: '10s' })],
  ['unique rule names', route({ rules: [{ name: 'name1' }, { name: 'name2' }] })],
  ['single parent without sectionName or port', route({ parentRefs: [gw()] })],
  ['single parent with sectionName and port', route({ parentRefs: [gw({ sectionName: 'foo', port: 443 })] })],
  ['one parent, different ports', route({ parentRefs: [gw({ port: 80 }), gw({ port: 443 })] })],
  [
    'one parent, one port, different sections',
    route({ parentRefs: [gw({ port: 443, sectionName: 'foo' }), gw({ port: 443, sectionName: 'bar' })] }),
  ],
  ['first parent has a namespace, the second not', route({ parentRefs: [gw({ namespace: 'test' }), gw()] })],
  ['second parent has a namespace, the first not', route({ parentRefs: [gw(), gw({ namespace: 'test' })] })],
  [
    'Service parent with port and sectionName',
    route({ parentRefs: [{ group: '', kind: 'Service', name: 'echo', port: 80, sectionName: 'http' }] }),
  ],
  [
    'Service and Gateway parents of one name',
    route({ parentRefs: [{ group: '', kind: 'Service', name: 'echo' }, { name: 'echo' }] }),
  ],
  ['wildcard and exact hostnames', route({ hostnames: ['*.example.com', 'foo.example.com', 'a-b.c'] })],
  ['no spec fields at all', route({})],
];

function errorsOf(obj: unknown) {
  const r = validateResource(obj);
  return r.ok ? [] : r.errors;
}

describe('HTTPRoute validation (Gateway API CRD rules)', () => {
  it.each(rejected)('refuses: %s', (_, obj, field, message) => {
    const errors = errorsOf(obj);
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

  it('gives reserved header names the header-operation code, SM0701', () => {
    const r: GatewayHTTPRoute = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: {
        rules: [
          {
            filters: [
              {
                type: 'RequestHeaderModifier',
                requestHeaderModifier: {
                  set: [{ name: 'connection', value: 'close' }],
                  remove: ['Keep-Alive'],
                },
              },
            ],
          },
        ],
      },
    };
    expect(checkHTTPRoute(r).issues.map((i) => [i.code, i.field])).toEqual([
      ['SM0701', 'spec.rules[0].filters[0].requestHeaderModifier.set[0].name'],
      ['SM0701', 'spec.rules[0].filters[0].requestHeaderModifier.remove[0]'],
    ]);
  });
});
