// Validation of one proxy's telemetry payload: its shape (version 1 as parseTelemetryDelta defines it,
// checked in place on the hot path, see delta-check.ts; version 2, compact, by the connection's
// TelemetryDeltaReader), then bounded label lengths and no control characters, so a key id identifies
// exactly one key.
import type { EdgeDelta, EdgeKey, KeyCheck, MirrorDelta } from '@shadowmesh/telemetry';
import {
  COMPACT_DELTA_VERSION,
  EDGE_KEY_FIELDS,
  parseTelemetryDelta,
  TelemetryDeltaReader,
} from '@shadowmesh/telemetry';
import { checkDeltaInPlace } from './delta-check.js';

/** Longest label value accepted (Kubernetes names are at most 253 characters). */
export const MAX_LABEL_LENGTH = 253;
/** Most histogram buckets accepted per edge (1 µs … 3 h at 1 % needs about 1,200). */
export const MAX_HISTOGRAM_BUCKETS = 4096;
/** Most edges and mirror targets in one delta. */
export const MAX_DELTA_ENTRIES = 10_000;

/** A payload of either version, checked. */
export interface IngestedDelta {
  edges: EdgeDelta[];
  mirror: MirrorDelta[];
  /** Version 2: each edge's key id on its connection (see TelemetryDeltaReader); null for version 1. */
  keyIds: number[] | null;
}

export type IngestResult = { ok: true; delta: IngestedDelta } | { ok: false; field: string; message: string };

/** The label rules of this file, checked once per key when a compact delta binds it. */
export const checkKeyLabels: KeyCheck = (key) => {
  for (const field of EDGE_KEY_FIELDS) {
    const value = key[field];
    if (typeof value === 'string' && !isLabel(value)) return { field, message: labelProblem(value) };
  }
  return null;
};

/** The reader of one proxy connection's compact deltas (it remembers the keys bound on it). */
export function connectionReader(): TelemetryDeltaReader {
  return new TelemetryDeltaReader({ checkKey: checkKeyLabels });
}

/** True when the payload says it is a compact (version 2) delta. */
export function isCompactPayload(payload: unknown): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { version?: unknown }).version === COMPACT_DELTA_VERSION
  );
}

/**
 * `known(i, key)` (version 1): true when edge i's key is one already accepted (its labels need no new
 * check). `reader`: the connection's, for version 2 payloads (without one they are refused).
 */
export function validateTelemetry(
  payload: unknown,
  known: (index: number, key: EdgeKey) => boolean = () => false,
  reader?: TelemetryDeltaReader,
): IngestResult {
  if (reader !== undefined && isCompactPayload(payload)) {
    // Shape, bounds, key references and the labels of new keys are all checked by the reader.
    const read = reader.read(payload);
    if (!read.ok) return { ok: false, field: read.field, message: read.message };
    const { edges, mirror, keyIds } = read.value;
    const problem = mirrorProblem(mirror);
    return problem ?? { ok: true, delta: { edges, mirror, keyIds } };
  }
  let delta = checkDeltaInPlace(payload);
  if (delta === null) {
    // Refused (or not understood) by the fast check: parseTelemetryDelta names the field.
    let parsed: ReturnType<typeof parseTelemetryDelta>;
    try {
      parsed = parseTelemetryDelta(payload);
    } catch (error) {
      return { ok: false, field: 'payload', message: (error as Error).message };
    }
    if (!parsed.ok) return { ok: false, field: parsed.field, message: parsed.message };
    delta = parsed.value;
  }
  if (delta.edges.length > MAX_DELTA_ENTRIES) {
    return { ok: false, field: 'payload.edges', message: `more than ${MAX_DELTA_ENTRIES} edges` };
  }
  if (delta.mirror.length > MAX_DELTA_ENTRIES) {
    return { ok: false, field: 'payload.mirror', message: `more than ${MAX_DELTA_ENTRIES} mirror targets` };
  }
  for (let i = 0; i < delta.edges.length; i++) {
    const edge = delta.edges[i]!;
    if (edge.durationMs.counts.length > MAX_HISTOGRAM_BUCKETS) {
      const message = `more than ${MAX_HISTOGRAM_BUCKETS} buckets`;
      return { ok: false, field: `payload.edges[${i}].durationMs.counts`, message };
    }
    if (known(i, edge.key)) continue;
    for (const field of EDGE_KEY_FIELDS) {
      const value = edge.key[field];
      if (typeof value === 'string' && !isLabel(value)) {
        return { ok: false, field: `payload.edges[${i}].key.${field}`, message: labelProblem(value) };
      }
    }
  }
  const problem = mirrorProblem(delta.mirror, '.target');
  return problem ?? { ok: true, delta: { edges: delta.edges, mirror: delta.mirror, keyIds: null } };
}

function mirrorProblem(mirror: MirrorDelta[], suffix = '[0]'): IngestResult | null {
  for (let i = 0; i < mirror.length; i++) {
    const target = mirror[i]!.target;
    if (!isLabel(target))
      return { ok: false, field: `payload.mirror[${i}]${suffix}`, message: labelProblem(target) };
  }
  return null;
}

function isLabel(value: string): boolean {
  if (value.length === 0 || value.length > MAX_LABEL_LENGTH) return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return false;
  return true;
}

function labelProblem(value: string): string {
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_LABEL_LENGTH) return `longer than ${MAX_LABEL_LENGTH} characters`;
  return 'contains a control character';
}
