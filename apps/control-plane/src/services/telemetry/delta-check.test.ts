import { emptyOutcomeCounts, parseTelemetryDelta } from '@shadowmesh/telemetry';
import { describe, expect, it } from 'vitest';
import { edgeDelta, edgeKey, telemetryDelta } from '../../testing/mesh/telemetry-deltas.js';
import { seededRandom } from '../../testing/seeded-random.js';
import { checkDeltaInPlace } from './delta-check.js';
import { validateTelemetry } from './telemetry-ingest.js';

function valid(): Record<string, unknown> {
  const delta = telemetryDelta([
    edgeDelta(edgeKey(), [1, 5, 30]),
    edgeDelta(edgeKey({ responseCode: 503 }), [2]),
  ]);
  const mirror = [
    { target: 'outbound|8000|v2|httpbin.default.svc.cluster.local', outcomes: emptyOutcomeCounts() },
  ];
  return JSON.parse(JSON.stringify({ ...delta, mirror })) as Record<string, unknown>;
}

/** Every path to a leaf or inner value of a JSON value. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  }
  return out;
}

function mutate(root: Record<string, unknown>, path: (string | number)[], replacement: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  // JSON never has holes in arrays: removing an element shortens the array.
  if (replacement === DELETE && Array.isArray(node)) node.splice(last as number, 1);
  else if (replacement === DELETE) delete node[last];
  else node[last] = replacement;
}

const DELETE = Symbol('delete');
const REPLACEMENTS: unknown[] = [DELETE, null, -1, 1.5, 'x', '', [], {}, true, Number.MAX_SAFE_INTEGER, 0];

describe('checkDeltaInPlace agrees with parseTelemetryDelta', () => {
  it('accepts a valid delta as itself (no copy)', () => {
    const payload = valid();
    expect(checkDeltaInPlace(payload)).toBe(payload);
    expect(parseTelemetryDelta(payload).ok).toBe(true);
  });

  it('on every single-field mutation of a valid delta, accepts exactly what parseTelemetryDelta accepts', () => {
    const random = seededRandom(5);
    let compared = 0;
    for (const path of paths(valid()).slice(1)) {
      for (const replacement of REPLACEMENTS) {
        if (random() < 0.5) continue; // half of the pairs, seeded: the file stays fast
        const payload = valid();
        mutate(payload, path, replacement);
        const reference = parseTelemetryDelta(structuredClone(payload)).ok;
        expect(checkDeltaInPlace(payload) !== null, `${path.join('.')} = ${String(replacement)}`).toBe(
          reference,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it.each([null, 'x', [], { version: 1 }, { ...valid(), version: 2 }])('refuses %j', (payload) => {
    expect(checkDeltaInPlace(payload)).toBeNull();
  });

  it('fills missing mirror outcomes with 0, as parseTelemetryDelta does', () => {
    const payload = valid();
    payload.mirror = [{ target: 't', outcomes: { 'mirrored-ok': 2 } }];
    const checked = checkDeltaInPlace(payload);
    expect(checked?.mirror[0]?.outcomes).toEqual({ ...emptyOutcomeCounts(), 'mirrored-ok': 2 });
  });
});

describe('validateTelemetry', () => {
  it('names the field parseTelemetryDelta names when the shape is wrong', () => {
    const payload = valid();
    mutate(payload, ['edges', 1, 'durationBuckets', 'counts'], [1]);
    expect(validateTelemetry(payload)).toEqual({
      ok: false,
      field: 'payload.edges[1].durationBuckets.counts',
      message: 'expected 20 buckets',
    });
  });

  it('checks labels of new keys only', () => {
    const payload = valid();
    mutate(payload, ['edges', 0, 'key', 'sourceWorkload'], 'a\nb');
    expect(validateTelemetry(payload)).toMatchObject({
      ok: false,
      field: 'payload.edges[0].key.sourceWorkload',
    });
    expect(validateTelemetry(payload, (i) => i === 0).ok).toBe(true);
  });
});
