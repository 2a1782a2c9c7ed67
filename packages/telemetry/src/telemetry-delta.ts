// The versioned message a proxy sends every second as `{ type: 'telemetry', payload }`.

import type { SerializedBuckets } from './bucket-counts.js';
import { ISTIO_DURATION_BUCKETS_MS, ISTIO_SIZE_BUCKETS_BYTES } from './bucket-counts.js';
import type { EdgeKey } from './edge-key.js';
import { EDGE_KEY_FIELDS } from './edge-key.js';
import type { EdgeDelta } from './edge-stats.js';
import type { ParseResult } from './field-error.js';
import { FieldError, parsing } from './field-error.js';
import type { SerializedHistogram } from './log-histogram.js';
import { HISTOGRAM_RELATIVE_ACCURACY } from './log-histogram.js';
import type { MirrorDelta, MirrorOutcomeCounts } from './mirror-counters.js';
import { MIRROR_OUTCOMES } from './mirror-counters.js';

/**
 * Version of the expanded delta's shape (version 1). Version 2 is the compact wire form
 * (compact-delta.ts), which a receiver decodes into this shape; both are accepted.
 */
export const TELEMETRY_DELTA_VERSION = 1;

/**
 * What happened at one proxy during one window (typically one second). Counts are increments, not
 * totals. Sent as is by proxies of version 1; the decoded form of a compact (version 2) delta.
 */
export interface TelemetryDelta {
  version: typeof TELEMETRY_DELTA_VERSION;
  windowStartMs: number;
  windowEndMs: number;
  edges: EdgeDelta[];
  mirror: MirrorDelta[];
}

export type { ParseResult } from './field-error.js';

/**
 * Validates an untrusted version 1 payload (from the wire) as a TelemetryDelta; errors name the
 * offending field. Version 2 (compact) deltas refer to keys sent earlier on the connection: read them
 * with a `TelemetryDeltaReader`, which keeps those keys.
 */
export function parseTelemetryDelta(input: unknown): ParseResult<TelemetryDelta> {
  return parsing(() => {
    const o = object(input, 'payload');
    if (o.version === 2) {
      throw new FieldError(
        'payload.version',
        'a version 2 delta needs its connection: read it with a TelemetryDeltaReader',
      );
    }
    if (o.version !== TELEMETRY_DELTA_VERSION) {
      throw new FieldError('payload.version', `unsupported telemetry version ${String(o.version)}`);
    }
    const delta: TelemetryDelta = {
      version: TELEMETRY_DELTA_VERSION,
      windowStartMs: count(o.windowStartMs, 'payload.windowStartMs'),
      windowEndMs: count(o.windowEndMs, 'payload.windowEndMs'),
      edges: array(o.edges, 'payload.edges').map((e, i) => edge(e, `payload.edges[${i}]`)),
      mirror: array(o.mirror, 'payload.mirror').map((m, i) => mirror(m, `payload.mirror[${i}]`)),
    };
    return delta;
  });
}

function edge(input: unknown, at: string): EdgeDelta {
  const o = object(input, at);
  const k = object(o.key, `${at}.key`);
  const key = {} as Record<string, unknown>;
  for (const field of EDGE_KEY_FIELDS) {
    const v = k[field];
    if (field === 'responseCode') key[field] = count(v, `${at}.key.${field}`);
    else if (typeof v === 'string') key[field] = v;
    else throw new FieldError(`${at}.key.${field}`, 'expected a string');
  }
  return {
    key: key as unknown as EdgeKey,
    requests: count(o.requests, `${at}.requests`),
    durationMs: histogram(o.durationMs, `${at}.durationMs`),
    durationBuckets: buckets(
      o.durationBuckets,
      `${at}.durationBuckets`,
      ISTIO_DURATION_BUCKETS_MS.length + 1,
    ),
    requestBytes: buckets(o.requestBytes, `${at}.requestBytes`, ISTIO_SIZE_BUCKETS_BYTES.length + 1),
    responseBytes: buckets(o.responseBytes, `${at}.responseBytes`, ISTIO_SIZE_BUCKETS_BYTES.length + 1),
  };
}

function mirror(input: unknown, at: string): MirrorDelta {
  const o = object(input, at);
  if (typeof o.target !== 'string') throw new FieldError(`${at}.target`, 'expected a string');
  const raw = object(o.outcomes, `${at}.outcomes`);
  const outcomes = {} as MirrorOutcomeCounts;
  for (const outcome of MIRROR_OUTCOMES)
    outcomes[outcome] = count(raw[outcome] ?? 0, `${at}.outcomes.${outcome}`);
  return { target: o.target, outcomes };
}

function histogram(input: unknown, at: string): SerializedHistogram {
  const o = object(input, at);
  if (o.accuracy !== HISTOGRAM_RELATIVE_ACCURACY) {
    throw new FieldError(`${at}.accuracy`, `expected ${HISTOGRAM_RELATIVE_ACCURACY}`);
  }
  if (typeof o.offset !== 'number' || !Number.isInteger(o.offset)) {
    throw new FieldError(`${at}.offset`, 'expected an integer');
  }
  return {
    accuracy: HISTOGRAM_RELATIVE_ACCURACY,
    count: count(o.count, `${at}.count`),
    sum: finite(o.sum, `${at}.sum`),
    min: finite(o.min, `${at}.min`),
    max: finite(o.max, `${at}.max`),
    offset: o.offset,
    counts: array(o.counts, `${at}.counts`).map((c, i) => count(c, `${at}.counts[${i}]`)),
  };
}

function buckets(input: unknown, at: string, length: number): SerializedBuckets {
  const o = object(input, at);
  const counts = array(o.counts, `${at}.counts`).map((c, i) => count(c, `${at}.counts[${i}]`));
  if (counts.length !== length) throw new FieldError(`${at}.counts`, `expected ${length} buckets`);
  return { sum: finite(o.sum, `${at}.sum`), counts };
}

function object(input: unknown, at: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FieldError(at, 'expected an object');
  }
  return input as Record<string, unknown>;
}

function array(input: unknown, at: string): unknown[] {
  if (!Array.isArray(input)) throw new FieldError(at, 'expected an array');
  return input;
}

function finite(input: unknown, at: string): number {
  if (typeof input !== 'number' || !Number.isFinite(input))
    throw new FieldError(at, 'expected a finite number');
  return input;
}

function count(input: unknown, at: string): number {
  if (typeof input !== 'number' || !Number.isInteger(input) || input < 0) {
    throw new FieldError(at, 'expected a non-negative integer');
  }
  return input;
}
