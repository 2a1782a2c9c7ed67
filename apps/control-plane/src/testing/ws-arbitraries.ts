// Hostile WebSocket messages for the fuzz targets: valid messages of each protocol (proxy hello, ack, nack,
// telemetry v1 and v2, flows; dashboard stream and tap subscribes), the same mutated, arbitrary JSON,
// text that is not JSON, and binary frames.
import { PROXY_PROTOCOL_VERSION } from '@shadowmesh/api';
import { HOSTILE_VALUES, mutatedValue, yamlishText } from '@shadowmesh/api/testing';
import { compactDelta } from '@shadowmesh/telemetry';
import fc from 'fast-check';
import { flowsPayload, primaryRecord } from './flow-records.js';
import type { Outgoing } from './fuzz-socket.js';
import { edgeKey, requests, telemetryDelta } from './mesh/telemetry-deltas.js';
import { identityOf } from './test-proxy.js';

/** Proxy ids the fuzz target uses (few, so the registry stays small). */
export const FUZZ_PROXY_IDS = ['sleep.default-1', 'httpbin.default-2', 'gw.default-3'] as const;

export const helloMessage = (id: string) => ({
  type: 'hello',
  protocolVersion: PROXY_PROTOCOL_VERSION,
  proxy: identityOf({ id, labels: { app: id.split('.')[0] ?? id }, inbound: '127.0.0.1:15006' }),
});

const telemetryV1 = fc
  .tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom(200, 404, 503))
  .map(([n, code]) => ({
    type: 'telemetry',
    payload: telemetryDelta([requests(edgeKey({ responseCode: code }), n)]),
  }));

const telemetryV2 = fc
  .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3 }))
  .map(([n, id]) => ({
    type: 'telemetry',
    payload: compactDelta(telemetryDelta([requests(edgeKey(), n)]), () => id),
  }));

const flows = fc
  .string({ minLength: 1, maxLength: 12 })
  .map((requestId) => ({ type: 'flows', payload: flowsPayload([primaryRecord(requestId)]) }));

/** Valid proxy → control plane messages (the hello of one of FUZZ_PROXY_IDS). */
export const validProxyMessage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...FUZZ_PROXY_IDS).map(helloMessage),
  fc.constantFrom('1', '2', 'v9').map((version) => ({ type: 'ack', version })),
  fc
    .tuple(fc.constantFrom('1', 'v9'), fc.string())
    .map(([version, error]) => ({ type: 'nack', version, error })),
  telemetryV1,
  telemetryV2,
  flows,
);

export const validStreamSubscribe: fc.Arbitrary<unknown> = fc.record(
  {
    type: fc.constant('subscribe'),
    namespaces: fc.oneof(
      fc.array(fc.constantFrom('default', 'music'), { maxLength: 2 }),
      fc.constant('default,music'),
    ),
    graphType: fc.constantFrom('versionedApp', 'app', 'workload', 'service'),
    durationSeconds: fc.oneof(fc.constantFrom(10, 60, 21_600), fc.constantFrom('60s', '5m', '6h', '30')),
  },
  { requiredKeys: ['type'] },
);

export const validTapSubscribe: fc.Arbitrary<unknown> = fc.record(
  {
    type: fc.constant('subscribe'),
    filter: fc.record(
      {
        namespace: fc.constant('default'),
        service: fc.constant('httpbin'),
        method: fc.constant('GET'),
        path: fc.constant('/a'),
      },
      { requiredKeys: [] },
    ),
    ratePerSecond: fc.constantFrom(1, 10, 100, 0.5),
  },
  { requiredKeys: ['type', 'filter'] },
);

/** Messages built around `valid`: as is, mutated, arbitrary JSON, non-JSON text, binary. */
export function hostileMessages(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Outgoing> {
  const json = (v: unknown): Outgoing => ({ text: JSON.stringify(v) ?? 'null' });
  return fc.oneof(
    { weight: 3, arbitrary: valid.map(json) },
    { weight: 4, arbitrary: mutatedValue(valid).map(json) },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), HOSTILE_VALUES).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          yamlishText,
          fc.constantFrom('', '{', '{"type":', '[]', '{"type":"hello"}'),
          fc.integer({ min: 1, max: 12_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
        )
        .map((text) => ({ text })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((binary) => ({ binary })) },
  );
}
