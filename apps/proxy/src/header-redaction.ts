// Headers as a flow record holds them: names in lower case, repeated fields joined by `, `, values of
// redacted headers replaced by `[redacted]` before the record is queued (the real value is never kept).
import type { OutgoingHttpHeaders } from 'node:http';
import { ALWAYS_REDACTED_HEADERS, REDACTED } from '@shadowmesh/api';

/** FlowRecord header values are at most this long (FlowRecordSchema); longer ones are cut. */
const MAX_VALUE = 16_384;

/** The always-redacted names alone: shared by every request whose hosts configure no extra names. */
export const DEFAULT_REDACTION: ReadonlySet<string> = new Set(ALWAYS_REDACTED_HEADERS);

/** The always-redacted names plus each list of extra (lower-case) names; the shared set when none. */
export function redactionSet(extras: readonly (readonly string[])[]): ReadonlySet<string> {
  let set: Set<string> | null = null;
  for (const names of extras) {
    if (names.length === 0) continue;
    if (set === null) set = new Set(ALWAYS_REDACTED_HEADERS);
    for (const name of names) set.add(name);
  }
  return set ?? DEFAULT_REDACTION;
}

function clip(value: string): string {
  return value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value;
}

function put(out: Record<string, string>, name: string, value: string, redact: ReadonlySet<string>): void {
  if (redact.has(name)) {
    out[name] = REDACTED;
    return;
  }
  const prior = out[name];
  out[name] = clip(prior === undefined ? value : `${prior}, ${value}`);
}

/**
 * Request headers (node:http's object form, names already lower case) with `extra` fields set on top
 * (e.g. a mirror copy's Host and shadow marker). Names in `skip` are left out.
 */
export function flowRequestHeaders(
  headers: OutgoingHttpHeaders,
  redact: ReadonlySet<string>,
  skip: ReadonlySet<string>,
  extra: Readonly<Record<string, string>> | null = null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || skip.has(name) || (extra !== null && name in extra)) continue;
    if (Array.isArray(value)) for (const v of value) put(out, name, v, redact);
    else put(out, name, String(value), redact);
  }
  if (extra !== null) for (const name in extra) put(out, name, extra[name] as string, redact);
  return out;
}

/** Response headers from the flat `name, value, …` list as received (names in any case). */
export function flowResponseHeaders(
  raw: readonly string[] | null,
  redact: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === null) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    put(out, (raw[i] as string).toLowerCase(), raw[i + 1] as string, redact);
  }
  return out;
}

/** The values that were redacted in `headers`, taken before redaction (to mask echoes of them in bodies). */
export function redactedValues(
  headers: OutgoingHttpHeaders,
  redact: ReadonlySet<string>,
  into: Set<string>,
): void {
  for (const name of redact) {
    const value = headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) into.add(v);
    else into.add(String(value));
  }
}
