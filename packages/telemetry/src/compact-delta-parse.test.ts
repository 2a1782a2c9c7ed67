import { describe, expect, it } from 'vitest';
import type { CompactTelemetryDelta } from './compact-delta.js';
import { parseCompactDelta } from './compact-delta-parse.js';
import type { EdgeKey } from './edge-key.js';
import { TelemetryDeltaReader } from './telemetry-delta-reader.js';
import { TelemetryRecorder } from './telemetry-recorder.js';
import { SAMPLE_KEY } from './testing/fixtures.js';

const key: EdgeKey = { ...SAMPLE_KEY };

/** A valid compact delta with two keys, two edges and one mirror target, as it arrives (plain JSON). */
function valid(): CompactTelemetryDelta {
  const rec = new TelemetryRecorder(0);
  for (const d of [1.5, 3, 3.2, 40]) rec.record(key, { durationMs: d, requestBytes: 0, responseBytes: 300 });
  rec.record({ ...key, responseCode: 503 }, { durationMs: 7, requestBytes: 20, responseBytes: 0 });
  rec.countMirror('outbound|8000|v2|httpbin.default.svc.cluster.local', 'mirrored-ok');
  return JSON.parse(JSON.stringify(rec.takeCompactDelta(1000))) as CompactTelemetryDelta;
}

type Delta = CompactTelemetryDelta & Record<string, unknown>;
/** [name, the payload to parse (made from a valid delta), field named, message]. */
type Mutation = [string, (d: Delta) => unknown, string, RegExp?];

/** A mutation made in place: the payload is the mutated delta. */
const edit =
  (change: (d: Delta) => unknown) =>
  (d: Delta): unknown => {
    change(d);
    return d;
  };

const cases: Mutation[] = [
  ['not an object', () => [1, 2], 'payload'],
  ['accuracy', (d) => ({ ...d, accuracy: 0.02 }), 'payload.accuracy'],
  ['window', (d) => ({ ...d, windowEndMs: -1 }), 'payload.windowEndMs'],
  ['keys not an array', (d) => ({ ...d, keys: {} }), 'payload.keys'],
  ['edges not an array', (d) => ({ ...d, edges: null }), 'payload.edges'],
  ['too many edges', (d) => ({ ...d, edges: new Array(10_001).fill(d.edges[0]) }), 'payload.edges'],
  ['key tuple too short', edit((d) => (tuple(d.keys, 0).length = 3)), 'payload.keys[0]'],
  ['key id negative', edit((d) => (tuple(d.keys, 0)[0] = -1)), 'payload.keys[0][0]'],
  ['key id too large', edit((d) => (tuple(d.keys, 0)[0] = 5_000_000)), 'payload.keys[0][0]'],
  ['key field type', edit((d) => (tuple(d.keys, 0)[2] = 7)), 'payload.keys[0][2]', /sourceWorkload/],
  ['response code', edit((d) => (tuple(d.keys, 1)[11] = '503')), 'payload.keys[1][11]', /responseCode/],
  ['id rebound', edit((d) => (tuple(d.keys, 1)[0] = 0)), 'payload.keys[1][0]', /already bound/],
  ['unknown key id', edit((d) => (tuple(d.edges, 1)[0] = 9)), 'payload.edges[1][0]', /unknown key id 9/],
  ['key id not a number', edit((d) => (tuple(d.edges, 0)[0] = '0')), 'payload.edges[0][0]'],
  ['edge tuple length', edit((d) => tuple(d.edges, 0).push(1)), 'payload.edges[0]'],
  ['requests', edit((d) => (tuple(d.edges, 0)[1] = 1.5)), 'payload.edges[0][1]'],
  ['histogram not an array', edit((d) => (tuple(d.edges, 0)[2] = {})), 'payload.edges[0][2]'],
  ['histogram sum', edit((d) => (part(d, 0, 2)[1] = Number.NaN)), 'payload.edges[0][2][1]'],
  ['histogram offset', edit((d) => (part(d, 0, 2)[4] = 0.5)), 'payload.edges[0][2][4]'],
  ['histogram run', edit((d) => (part(d, 0, 2)[5] = 'x')), 'payload.edges[0][2][5]'],
  ['histogram count', edit((d) => (part(d, 0, 2)[0] = 3)), 'payload.edges[0][2][0]', /not the sum/],
  [
    'histogram skip beyond the bound',
    edit((d) => part(d, 0, 2).splice(6, 0, -1e12)),
    'payload.edges[0][2][6]',
    /more than 4096/,
  ],
  ['duration buckets total', edit((d) => (part(d, 0, 3)[2] = 99)), 'payload.edges[0][3]', /hold/],
  ['bucket first index', edit((d) => (part(d, 0, 4)[1] = 9)), 'payload.edges[0][4][1]'],
  ['bucket count', edit((d) => (part(d, 0, 5)[2] = -1)), 'payload.edges[0][5][2]'],
  ['bucket sum', edit((d) => (part(d, 0, 5)[0] = null)), 'payload.edges[0][5][0]'],
  ['empty buckets', edit((d) => (tuple(d.edges, 0)[3] = [])), 'payload.edges[0][3]'],
  ['mirror tuple', edit((d) => tuple(d.mirror, 0).pop()), 'payload.mirror[0]'],
  ['mirror count', edit((d) => (tuple(d.mirror, 0)[3] = -2)), 'payload.mirror[0][3]'],
];

function tuple(list: unknown[], i: number): unknown[] {
  return list[i] as unknown[];
}

/** Part `position` of edge `i` (histogram 2, buckets 3–5). */
function part(d: Delta, i: number, position: number): unknown[] {
  return tuple(d.edges, i)[position] as unknown[];
}

describe('parseCompactDelta refuses, naming the field', () => {
  it('accepts the unmutated delta', () => {
    expect(parseCompactDelta(valid(), () => undefined).ok).toBe(true);
  });

  it.each(cases)('%s', (_name, mutate, field, message) => {
    const result = parseCompactDelta(mutate(valid() as Delta), () => undefined);
    expect(result).toMatchObject({ ok: false, field });
    if (message && !result.ok) expect(result.message).toMatch(message);
  });

  it('refuses a key whose labels the receiver refuses, naming the key field', () => {
    const reader = new TelemetryDeltaReader({
      checkKey: (k) =>
        k.responseCode === 503 ? { field: 'responseFlags', message: 'is not allowed' } : null,
    });
    expect(reader.read(valid())).toMatchObject({ ok: false, field: 'payload.keys[1][12]' });
  });

  it('keeps nothing of a refused message: its keys stay unknown', () => {
    const reader = new TelemetryDeltaReader();
    const bad = valid();
    (bad.edges[1] as unknown[])[1] = -1;
    expect(reader.read(bad)).toMatchObject({ ok: false, field: 'payload.edges[1][1]' });
    expect(reader.size).toBe(0);
    const later = valid();
    later.keys = [];
    expect(reader.read(later)).toMatchObject({ ok: false, field: 'payload.edges[0][0]' });
  });

  it('bounds the keys one connection may bind', () => {
    const reader = new TelemetryDeltaReader({ maxKeys: 1 });
    expect(reader.read(valid())).toMatchObject({ ok: false, field: 'payload.keys' });
  });

  it('never throws, whatever single value is replaced (seeded)', () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const junk = [null, -1, 1.5, 'x', [], {}, 1e300, Number.MAX_SAFE_INTEGER, [-5000], true];
    for (let round = 0; round < 2000; round++) {
      const d = valid() as unknown as Record<string, unknown>;
      // Walk to a random place in the tree and replace it.
      let node: unknown = d;
      for (let depth = 0; depth < 4 && typeof node === 'object' && node !== null; depth++) {
        const keys = Object.keys(node as object);
        if (keys.length === 0) break;
        const k = keys[Math.floor(next() * keys.length)] as string;
        const child = (node as Record<string, unknown>)[k];
        if (typeof child !== 'object' || child === null || next() < 0.3) {
          (node as Record<string, unknown>)[k] = junk[Math.floor(next() * junk.length)];
          break;
        }
        node = child;
      }
      expect(() => new TelemetryDeltaReader().read(d)).not.toThrow();
    }
  });
});
