// Strict decoding of a compact (version 2) delta into EdgeDeltas. Runs on the control plane's hot path
// (hundreds of proxies × tens of edges a second): one pass, no field path built unless a field is
// wrong, nothing kept when the message is refused.

import {
  ISTIO_DURATION_BUCKETS_MS,
  ISTIO_SIZE_BUCKETS_BYTES,
  type SerializedBuckets,
} from './bucket-counts.js';
import { COMPACT_DELTA_LIMITS, COMPACT_DELTA_VERSION } from './compact-delta.js';
import type { EdgeKey } from './edge-key.js';
import { EDGE_KEY_FIELDS } from './edge-key.js';
import type { EdgeDelta } from './edge-stats.js';
import type { ParseResult } from './field-error.js';
import { FieldError, parsing } from './field-error.js';
import type { SerializedHistogram } from './log-histogram.js';
import { HISTOGRAM_RELATIVE_ACCURACY } from './log-histogram.js';
import type { MirrorDelta, MirrorOutcomeCounts } from './mirror-counters.js';
import { MIRROR_OUTCOMES } from './mirror-counters.js';

/** A receiver's own rule for a new key's labels: a problem with one field, or null. */
export type KeyCheck = (key: EdgeKey) => { field: keyof EdgeKey; message: string } | null;

export interface DecodedCompactDelta {
  windowStartMs: number;
  windowEndMs: number;
  /** Ids this message bound for the first time on the connection: the receiver remembers them. */
  bound: [id: number, key: EdgeKey][];
  edges: EdgeDelta[];
  /** The key id of each edge (same order). */
  keyIds: number[];
  mirror: MirrorDelta[];
}

const DURATION_BUCKETS = ISTIO_DURATION_BUCKETS_MS.length + 1;
const SIZE_BUCKETS = ISTIO_SIZE_BUCKETS_BYTES.length + 1;
const KEY_LENGTH = 1 + EDGE_KEY_FIELDS.length;
const MIRROR_LENGTH = 1 + MIRROR_OUTCOMES.length;

/**
 * `known(id)`: the key bound to `id` earlier on the same connection. A reference to an id bound neither
 * earlier nor in this message, or an id rebound to a different key, refuses the message.
 */
export function parseCompactDelta(
  input: unknown,
  known: (id: number) => EdgeKey | undefined,
  checkKey?: KeyCheck,
): ParseResult<DecodedCompactDelta> {
  return parsing(() => {
    if (!isObject(input)) throw new FieldError('payload', 'expected an object');
    if (input.version !== COMPACT_DELTA_VERSION) {
      throw new FieldError('payload.version', `expected ${COMPACT_DELTA_VERSION}`);
    }
    const windowStartMs = count(input.windowStartMs, 'payload.windowStartMs');
    const windowEndMs = count(input.windowEndMs, 'payload.windowEndMs');
    if (input.accuracy !== HISTOGRAM_RELATIVE_ACCURACY) {
      throw new FieldError('payload.accuracy', `expected ${HISTOGRAM_RELATIVE_ACCURACY}`);
    }
    const keys = list(input.keys, 'payload.keys');
    const rawEdges = list(input.edges, 'payload.edges');
    const rawMirror = list(input.mirror, 'payload.mirror');
    const fresh = new Map<number, EdgeKey>();
    for (let i = 0; i < keys.length; i++) {
      const [id, key] = parseKey(keys[i], i);
      const earlier = fresh.get(id) ?? known(id);
      if (earlier !== undefined) {
        if (!sameKey(earlier, key)) {
          throw new FieldError(`payload.keys[${i}][0]`, `key id ${id} is already bound to another key`);
        }
        continue;
      }
      const problem = checkKey?.(key);
      if (problem) {
        const at = `payload.keys[${i}][${1 + EDGE_KEY_FIELDS.indexOf(problem.field)}]`;
        throw new FieldError(at, `${problem.field} ${problem.message}`);
      }
      fresh.set(id, key);
    }
    const edges: EdgeDelta[] = [];
    const keyIds: number[] = [];
    for (let i = 0; i < rawEdges.length; i++) {
      const e = rawEdges[i];
      if (!Array.isArray(e) || e.length !== 6) {
        const shape = '[keyId, requests, histogram, durationBuckets, requestBytes, responseBytes]';
        throw new FieldError(`payload.edges[${i}]`, `expected ${shape}`);
      }
      const id = e[0];
      const key = isCount(id) ? (fresh.get(id) ?? known(id)) : undefined;
      if (key === undefined) {
        const why = isCount(id)
          ? `unknown key id ${id} (a key is sent with its id before the edges that use it, on each connection)`
          : 'expected a key id';
        throw new FieldError(`payload.edges[${i}][0]`, why);
      }
      if (!isCount(e[1])) throw new FieldError(`payload.edges[${i}][1]`, 'expected a non-negative integer');
      const requests = e[1] as number;
      edges.push({
        key,
        requests,
        durationMs: histogram(e[2], i, requests),
        durationBuckets: buckets(e[3], i, 3, DURATION_BUCKETS, requests),
        requestBytes: buckets(e[4], i, 4, SIZE_BUCKETS, requests),
        responseBytes: buckets(e[5], i, 5, SIZE_BUCKETS, requests),
      });
      keyIds.push(id as number);
    }
    const mirror = rawMirror.map((m, i) => parseMirror(m, i));
    return { windowStartMs, windowEndMs, bound: [...fresh], edges, keyIds, mirror };
  });
}

function parseKey(input: unknown, i: number): [number, EdgeKey] {
  if (!Array.isArray(input) || input.length !== KEY_LENGTH) {
    throw new FieldError(`payload.keys[${i}]`, `expected [id, ${EDGE_KEY_FIELDS.join(', ')}]`);
  }
  const id = input[0];
  if (!isCount(id) || (id as number) >= COMPACT_DELTA_LIMITS.keyIds) {
    throw new FieldError(`payload.keys[${i}][0]`, `expected a key id below ${COMPACT_DELTA_LIMITS.keyIds}`);
  }
  const key = {} as Record<string, unknown>;
  for (let f = 0; f < EDGE_KEY_FIELDS.length; f++) {
    const field = EDGE_KEY_FIELDS[f] as keyof EdgeKey;
    const v = input[f + 1];
    const ok = field === 'responseCode' ? isCount(v) : typeof v === 'string';
    if (!ok) {
      const expected = field === 'responseCode' ? 'a non-negative integer' : 'a string';
      throw new FieldError(`payload.keys[${i}][${f + 1}]`, `${field}: expected ${expected}`);
    }
    key[field] = v;
  }
  return [id as number, key as unknown as EdgeKey];
}

function histogram(input: unknown, i: number, requests: number): SerializedHistogram {
  const at = () => `payload.edges[${i}][2]`;
  if (!Array.isArray(input) || input.length < 5) {
    throw new FieldError(at(), 'histogram: expected [count, sum, min, max, offset, ...runs]');
  }
  const n = input[0];
  if (!isCount(n)) throw new FieldError(`${at()}[0]`, 'histogram count: expected a non-negative integer');
  for (let f = 1; f <= 3; f++) {
    if (!isFiniteNumber(input[f])) throw new FieldError(`${at()}[${f}]`, 'expected a finite number');
  }
  const offset = input[4];
  if (!Number.isSafeInteger(offset))
    throw new FieldError(`${at()}[4]`, 'histogram offset: expected an integer');
  const counts: number[] = [];
  let total = 0;
  for (let r = 5; r < input.length; r++) {
    const run = input[r];
    if (!Number.isSafeInteger(run))
      throw new FieldError(`${at()}[${r}]`, 'histogram run: expected an integer');
    const width = (run as number) >= 0 ? 1 : -(run as number);
    if (counts.length + width > COMPACT_DELTA_LIMITS.histogramBuckets) {
      const message = `histogram: more than ${COMPACT_DELTA_LIMITS.histogramBuckets} buckets`;
      throw new FieldError(`${at()}[${r}]`, message);
    }
    if ((run as number) >= 0) {
      counts.push(run as number);
      total += run as number;
    } else {
      for (let z = run as number; z < 0; z++) counts.push(0);
    }
  }
  if (total !== n)
    throw new FieldError(`${at()}[0]`, `histogram count ${n} is not the sum of its buckets (${total})`);
  if (total > requests)
    throw new FieldError(`${at()}[0]`, `histogram count ${n} exceeds requests (${requests})`);
  return {
    accuracy: HISTOGRAM_RELATIVE_ACCURACY,
    count: n as number,
    sum: input[1] as number,
    min: input[2] as number,
    max: input[3] as number,
    offset: offset as number,
    counts,
  };
}

const BUCKET_NAMES = ['', '', '', 'durationBuckets', 'requestBytes', 'responseBytes'];

function buckets(
  input: unknown,
  i: number,
  position: number,
  size: number,
  requests: number,
): SerializedBuckets {
  const at = () => `payload.edges[${i}][${position}]`;
  const name = BUCKET_NAMES[position] as string;
  if (!Array.isArray(input) || input.length === 0 || input.length - 2 > size) {
    throw new FieldError(at(), `${name}: expected [sum, first, ...at most ${size} counts] or [sum]`);
  }
  if (!isFiniteNumber(input[0])) throw new FieldError(`${at()}[0]`, `${name} sum: expected a finite number`);
  const counts = new Array<number>(size).fill(0);
  let total = 0;
  if (input.length > 1) {
    const first = input[1];
    if (!isCount(first) || (first as number) + input.length - 2 > size) {
      throw new FieldError(`${at()}[1]`, `${name}: the first bucket's index must leave room for the counts`);
    }
    for (let r = 2; r < input.length; r++) {
      const c = input[r];
      if (!isCount(c)) throw new FieldError(`${at()}[${r}]`, `${name}: expected a non-negative integer`);
      counts[(first as number) + r - 2] = c as number;
      total += c as number;
    }
  }
  if (total !== requests) {
    throw new FieldError(at(), `${name}: the buckets hold ${total} requests, the edge ${requests}`);
  }
  return { sum: input[0] as number, counts };
}

function parseMirror(input: unknown, i: number): MirrorDelta {
  if (!Array.isArray(input) || input.length !== MIRROR_LENGTH || typeof input[0] !== 'string') {
    throw new FieldError(`payload.mirror[${i}]`, `expected [target, ${MIRROR_OUTCOMES.join(', ')}]`);
  }
  const outcomes = {} as MirrorOutcomeCounts;
  for (let o = 0; o < MIRROR_OUTCOMES.length; o++) {
    const c = input[o + 1];
    if (!isCount(c))
      throw new FieldError(`payload.mirror[${i}][${o + 1}]`, 'expected a non-negative integer');
    outcomes[MIRROR_OUTCOMES[o] as keyof MirrorOutcomeCounts] = c as number;
  }
  return { target: input[0], outcomes };
}

/** True when two keys are the same edge key (field by field). */
export function sameKey(a: EdgeKey, b: EdgeKey): boolean {
  for (const field of EDGE_KEY_FIELDS) if (a[field] !== b[field]) return false;
  return true;
}

function list(input: unknown, at: string): unknown[] {
  if (!Array.isArray(input)) throw new FieldError(at, 'expected an array');
  if (input.length > COMPACT_DELTA_LIMITS.entries) {
    throw new FieldError(at, `more than ${COMPACT_DELTA_LIMITS.entries} entries`);
  }
  return input;
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

function isCount(input: unknown): boolean {
  return typeof input === 'number' && Number.isInteger(input) && input >= 0;
}

function isFiniteNumber(input: unknown): boolean {
  return typeof input === 'number' && Number.isFinite(input);
}

function count(input: unknown, at: string): number {
  if (!isCount(input)) throw new FieldError(at, 'expected a non-negative integer');
  return input as number;
}
