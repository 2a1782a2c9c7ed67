// Validation of one proxy's telemetry payload: its shape (as parseTelemetryDelta defines it; checked
// in place on the hot path, see delta-check.ts), then bounded label lengths and no control characters,
// so a key id identifies exactly one key.
import type { EdgeKey, TelemetryDelta } from '@shadowmesh/telemetry';
import { EDGE_KEY_FIELDS, parseTelemetryDelta } from '@shadowmesh/telemetry';
import { checkDeltaInPlace } from './delta-check.js';

/** Longest label value accepted (Kubernetes names are at most 253 characters). */
export const MAX_LABEL_LENGTH = 253;
/** Most histogram buckets accepted per edge (1 µs … 3 h at 1 % needs about 1,200). */
export const MAX_HISTOGRAM_BUCKETS = 4096;
/** Most edges and mirror targets in one delta. */
export const MAX_DELTA_ENTRIES = 10_000;

export type IngestResult =
  | { ok: true; delta: TelemetryDelta }
  | { ok: false; field: string; message: string };

/**
 * `known(i, key)`: true when edge i's key is one already accepted (its labels need no new check).
 */
export function validateTelemetry(
  payload: unknown,
  known: (index: number, key: EdgeKey) => boolean = () => false,
): IngestResult {
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
  for (let i = 0; i < delta.mirror.length; i++) {
    const target = delta.mirror[i]!.target;
    if (!isLabel(target))
      return { ok: false, field: `payload.mirror[${i}].target`, message: labelProblem(target) };
  }
  return { ok: true, delta };
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
