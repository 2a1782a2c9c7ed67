import { describe, expect, it } from 'vitest';
import { isReservedHeader } from '../resources/reserved-headers.js';
import type { VirtualService } from '../resources/virtual-service.js';
import { validateResource } from './validate-resource.js';
import { checkVirtualService } from './virtual-service-rules.js';

const vs = (http: unknown[]) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'x' },
  spec: { hosts: ['reviews'], http },
});
const dest = { destination: { host: 'reviews' } };
const routeHeaders = (headers: unknown) => vs([{ route: [dest], headers }]);

describe('isReservedHeader', () => {
  it.each([
    'content-length',
    'Content-Length',
    'TRANSFER-ENCODING',
    'connection',
    'upgrade',
    'te',
    'trailer',
    'keep-alive',
    'proxy-connection',
    'Proxy-Authorization',
    'proxy-anything',
  ])('%s is reserved', (name) => expect(isReservedHeader(name)).toBe(true));

  it.each(['x-user', 'content-type', 'host', 'tea', 'trailers-x', 'x-proxy-id', 'authorization'])(
    '%s is not',
    (name) => expect(isReservedHeader(name)).toBe(false),
  );
});

// [description, object, field]
const refused: [string, unknown, string][] = [
  [
    'route-level request remove',
    routeHeaders({ request: { remove: ['x-ok', 'content-length'] } }),
    'spec.http[0].headers.request.remove[1]',
  ],
  [
    'route-level request set',
    routeHeaders({ request: { set: { 'Content-Length': '5' } } }),
    'spec.http[0].headers.request.set.Content-Length',
  ],
  [
    'route-level request add',
    routeHeaders({ request: { add: { 'transfer-encoding': 'chunked' } } }),
    'spec.http[0].headers.request.add.transfer-encoding',
  ],
  [
    'route-level response set',
    routeHeaders({ response: { set: { connection: 'close' } } }),
    'spec.http[0].headers.response.set.connection',
  ],
  [
    'route-level response remove',
    routeHeaders({ response: { remove: ['Transfer-Encoding'] } }),
    'spec.http[0].headers.response.remove[0]',
  ],
  [
    'destination-level request set',
    vs([
      {
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
          {
            destination: { host: 'reviews', subset: 'v2' },
            weight: 50,
            headers: { request: { set: { 'content-length': '5' } } },
          },
        ],
      },
    ]),
    'spec.http[0].route[1].headers.request.set.content-length',
  ],
  [
    'destination-level response add of a proxy-* name',
    vs([{ route: [{ ...dest, headers: { response: { add: { 'Proxy-Authenticate': 'Basic' } } } }] }]),
    'spec.http[0].route[0].headers.response.add.Proxy-Authenticate',
  ],
  [
    'second route, upgrade',
    vs([{ route: [dest] }, { route: [dest], headers: { request: { set: { upgrade: 'websocket' } } } }]),
    'spec.http[1].headers.request.set.upgrade',
  ],
  ['te', routeHeaders({ request: { remove: ['TE'] } }), 'spec.http[0].headers.request.remove[0]'],
  [
    'trailer',
    routeHeaders({ request: { add: { trailer: 'x' } } }),
    'spec.http[0].headers.request.add.trailer',
  ],
  [
    'keep-alive',
    routeHeaders({ request: { set: { 'keep-alive': 'timeout=5' } } }),
    'spec.http[0].headers.request.set.keep-alive',
  ],
];

describe('header operations on framing and hop-by-hop headers (SM0701)', () => {
  it.each(refused)('%s is refused at its field path', (_description, obj, field) => {
    const result = validateResource(obj);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ field, message: expect.stringMatching(/cannot be changed/) }]);
  });

  it('reports every offending operation with code SM0701', () => {
    const result = validateResource(
      routeHeaders({
        request: { set: { 'content-length': '1' }, remove: ['connection'] },
        response: { add: { 'transfer-encoding': 'chunked' } },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      'spec.http[0].headers.request.set.content-length',
      'spec.http[0].headers.request.remove[0]',
      'spec.http[0].headers.response.add.transfer-encoding',
    ]);
    const ctx = checkVirtualService(
      routeHeaders({ request: { remove: ['upgrade'] } }) as unknown as VirtualService,
    );
    expect(ctx.issues).toEqual([
      { code: 'SM0701', field: 'spec.http[0].headers.request.remove[0]', message: expect.any(String) },
    ]);
  });

  it('accepts operations on other headers, host (an authority rewrite) included', () => {
    const result = validateResource(
      routeHeaders({
        request: { set: { 'x-a': '1', host: 'other' }, add: { 'content-type': 'x' }, remove: ['x-b'] },
        response: { set: { 'x-c': '1' }, remove: ['server'] },
      }),
    );
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });
});
