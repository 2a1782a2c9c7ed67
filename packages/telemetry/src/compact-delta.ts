// Version 2 of the telemetry delta: the compact wire form. A proxy's edge keys repeat every second, so
// each key is sent once per connection with a numeric id and edges refer to it; counters and histograms
// are arrays of numbers. The receiver decodes it (compact-delta-parse.ts) into the same `EdgeDelta`s a
// version 1 delta carries.
//
// {
//   "version": 2, "windowStartMs": …, "windowEndMs": …, "accuracy": 0.01,
//   "keys":   [[id, reporter, sourceWorkload, …, protocol]],   // EDGE_KEY_FIELDS order; new ids only
//   "edges":  [[keyId, requests, histogram, durationBuckets, requestBytes, responseBytes]],
//   "mirror": [[target, mirrored-ok, mirrored-error, …]]         // MIRROR_OUTCOMES order
// }
//
// - histogram: `[count, sum, min, max, offset, ...runs]`: the LogHistogram's buckets from `offset` on;
//   a run n > 0 is the next bucket's count, n < 0 stands for −n empty buckets.
// - durationBuckets / requestBytes / responseBytes: `[sum, first, ...counts]`, Istio's fixed buckets
//   from index `first` on (per bucket, not cumulative; the rest are 0), or `[sum]` when all are 0.
// - A key id is bound to one key for the life of the connection; a sender resends a key (same id)
//   whenever it is unsure the receiver has it (a new connection, or every so often).

import type { SerializedBuckets } from './bucket-counts.js';
import type { EdgeKey } from './edge-key.js';
import { EDGE_KEY_FIELDS } from './edge-key.js';
import type { EdgeDelta } from './edge-stats.js';
import type { SerializedHistogram } from './log-histogram.js';
import { HISTOGRAM_RELATIVE_ACCURACY } from './log-histogram.js';
import type { MirrorDelta } from './mirror-counters.js';
import { MIRROR_OUTCOMES } from './mirror-counters.js';

/** Version of the compact delta's shape (version 1 is `TelemetryDelta`, still accepted). */
export const COMPACT_DELTA_VERSION = 2;

/** Bounds a receiver enforces on a compact delta (it refuses the message beyond them). */
export const COMPACT_DELTA_LIMITS = {
  /** Key ids are integers in [0, keyIds). */
  keyIds: 1_000_000,
  /** Entries in `keys`, `edges` or `mirror` of one message. */
  entries: 10_000,
  /** Decoded histogram buckets per edge (1 µs … 3 h at 1 % needs about 1,200). */
  histogramBuckets: 4096,
} as const;

/** `[id, ...the key's fields in EDGE_KEY_FIELDS order]`. */
export type CompactKey = [id: number, ...fields: (string | number)[]];

/** `[keyId, requests, histogram, durationBuckets, requestBytes, responseBytes]`. */
export type CompactEdge = [
  keyId: number,
  requests: number,
  histogram: number[],
  durationBuckets: number[],
  requestBytes: number[],
  responseBytes: number[],
];

/** `[target, ...outcome counts in MIRROR_OUTCOMES order]`. */
export type CompactMirror = [target: string, ...counts: number[]];

export interface CompactTelemetryDelta {
  version: typeof COMPACT_DELTA_VERSION;
  windowStartMs: number;
  windowEndMs: number;
  /** α of every histogram in the message. */
  accuracy: number;
  keys: CompactKey[];
  edges: CompactEdge[];
  mirror: CompactMirror[];
}

export function encodeKey(id: number, key: EdgeKey): CompactKey {
  const out: CompactKey = [id];
  for (const field of EDGE_KEY_FIELDS) out.push(key[field]);
  return out;
}

/** One edge (as `EdgeStats.toDelta()` gives it) under key id `keyId`. */
export function encodeEdge(keyId: number, edge: EdgeDelta): CompactEdge {
  return [
    keyId,
    edge.requests,
    encodeHistogram(edge.durationMs),
    encodeBuckets(edge.durationBuckets),
    encodeBuckets(edge.requestBytes),
    encodeBuckets(edge.responseBytes),
  ];
}

export function encodeMirror(mirror: MirrorDelta): CompactMirror {
  const out: CompactMirror = [mirror.target];
  for (const outcome of MIRROR_OUTCOMES) out.push(mirror.outcomes[outcome]);
  return out;
}

export function encodeHistogram(h: SerializedHistogram): number[] {
  const out = [h.count, h.sum, h.min, h.max, h.offset];
  let zeros = 0;
  for (const c of h.counts) {
    if (c === 0) {
      zeros++;
      continue;
    }
    if (zeros > 0) out.push(-zeros);
    zeros = 0;
    out.push(c);
  }
  return out;
}

export function encodeBuckets(b: SerializedBuckets): number[] {
  let first = 0;
  let last = b.counts.length - 1;
  while (first <= last && b.counts[first] === 0) first++;
  while (last >= first && b.counts[last] === 0) last--;
  if (first > last) return [b.sum];
  return [b.sum, first, ...b.counts.slice(first, last + 1)];
}

/** The compact form of whole expanded edges and mirror counts, with ids given by `idOf` (all keys sent). */
export function compactDelta(
  delta: { windowStartMs: number; windowEndMs: number; edges: EdgeDelta[]; mirror: MirrorDelta[] },
  idOf: (key: EdgeKey, index: number) => number,
): CompactTelemetryDelta {
  const keys: CompactKey[] = [];
  const edges: CompactEdge[] = [];
  const seen = new Set<number>();
  delta.edges.forEach((edge, i) => {
    const id = idOf(edge.key, i);
    if (!seen.has(id)) keys.push(encodeKey(id, edge.key));
    seen.add(id);
    edges.push(encodeEdge(id, edge));
  });
  return {
    version: COMPACT_DELTA_VERSION,
    windowStartMs: delta.windowStartMs,
    windowEndMs: delta.windowEndMs,
    accuracy: HISTOGRAM_RELATIVE_ACCURACY,
    keys,
    edges,
    mirror: delta.mirror.map(encodeMirror),
  };
}
