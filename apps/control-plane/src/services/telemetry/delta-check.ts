// The hot path of version 1 ingestion (proxies of the previous version): checks a telemetry payload in
// place, without copying it (500 proxies × 50 edges a second). It accepts only what
// `parseTelemetryDelta` (@shadowmesh/telemetry) accepts — the same rules, field by field
// (delta-check.test.ts compares both on valid and broken payloads) — and says nothing about why it
// refused: the caller then asks `parseTelemetryDelta` for the field. Version 2 (compact) deltas are
// checked by the connection's TelemetryDeltaReader instead.
// TODO: delete with the version 1 branch of validateTelemetry once no supported proxy sends version 1
// (every proxy sends `takeCompactDelta()`); until then proxies of the previous version need it.
import type { TelemetryDelta } from '@shadowmesh/telemetry';
import {
  EDGE_KEY_FIELDS,
  HISTOGRAM_RELATIVE_ACCURACY,
  ISTIO_DURATION_BUCKETS_MS,
  ISTIO_SIZE_BUCKETS_BYTES,
  MIRROR_OUTCOMES,
  TELEMETRY_DELTA_VERSION,
} from '@shadowmesh/telemetry';

const DURATION_BUCKETS = ISTIO_DURATION_BUCKETS_MS.length + 1;
const SIZE_BUCKETS = ISTIO_SIZE_BUCKETS_BYTES.length + 1;

type Loose = Record<string, unknown>;

/** The payload itself, typed, when every rule holds; null otherwise. Missing mirror outcomes become 0. */
export function checkDeltaInPlace(input: unknown): TelemetryDelta | null {
  if (!isObject(input) || input.version !== TELEMETRY_DELTA_VERSION) return null;
  if (!isCount(input.windowStartMs) || !isCount(input.windowEndMs)) return null;
  const { edges, mirror } = input;
  if (!Array.isArray(edges) || !Array.isArray(mirror)) return null;
  for (const edge of edges) if (!isEdge(edge)) return null;
  for (const m of mirror) if (!isMirror(m)) return null;
  return input as unknown as TelemetryDelta;
}

function isEdge(input: unknown): boolean {
  if (!isObject(input) || !isObject(input.key)) return false;
  const key = input.key;
  for (const field of EDGE_KEY_FIELDS) {
    const v = key[field];
    if (field === 'responseCode' ? !isCount(v) : typeof v !== 'string') return false;
  }
  return (
    isCount(input.requests) &&
    isHistogram(input.durationMs) &&
    isBuckets(input.durationBuckets, DURATION_BUCKETS) &&
    isBuckets(input.requestBytes, SIZE_BUCKETS) &&
    isBuckets(input.responseBytes, SIZE_BUCKETS)
  );
}

function isHistogram(input: unknown): boolean {
  if (!isObject(input) || input.accuracy !== HISTOGRAM_RELATIVE_ACCURACY) return false;
  if (typeof input.offset !== 'number' || !Number.isInteger(input.offset)) return false;
  return (
    isCount(input.count) &&
    isFiniteNumber(input.sum) &&
    isFiniteNumber(input.min) &&
    isFiniteNumber(input.max) &&
    isCounts(input.counts)
  );
}

function isBuckets(input: unknown, length: number): boolean {
  return (
    isObject(input) && isCounts(input.counts) && input.counts.length === length && isFiniteNumber(input.sum)
  );
}

function isMirror(input: unknown): boolean {
  if (!isObject(input) || typeof input.target !== 'string' || !isObject(input.outcomes)) return false;
  const outcomes = input.outcomes;
  for (const outcome of MIRROR_OUTCOMES) {
    const v = outcomes[outcome];
    if (v === undefined || v === null) outcomes[outcome] = 0;
    else if (!isCount(v)) return false;
  }
  return true;
}

function isObject(input: unknown): input is Loose {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

function isCounts(input: unknown): input is number[] {
  if (!Array.isArray(input)) return false;
  for (const c of input) if (!isCount(c)) return false;
  return true;
}

function isCount(input: unknown): boolean {
  return typeof input === 'number' && Number.isInteger(input) && input >= 0;
}

function isFiniteNumber(input: unknown): boolean {
  return typeof input === 'number' && Number.isFinite(input);
}
