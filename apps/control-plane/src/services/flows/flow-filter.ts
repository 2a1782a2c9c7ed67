// Which flows a FlowFilter (REST query, tap subscription) selects. A filter matches an exchange when
// one of its records (the primary or a copy) matches every field present, and the exchange started at
// or after `since`.
import type { FlowFilter, FlowRecord, FlowRecordSummary } from '@shadowmesh/api';
import { splitServiceHost } from '@shadowmesh/api';

/** A filter of the flows list: the wire filter plus a start time. */
export interface FlowQuery {
  filter: FlowFilter;
  /** Only exchanges that started at or after this time (ms since the epoch). */
  since?: number;
}

/** What a filter reads of a record (summaries and full records both have it). */
type Matchable = Pick<
  FlowRecord | FlowRecordSummary,
  'type' | 'source' | 'destination' | 'method' | 'path' | 'status'
>;

/** True when `record` matches every field of `filter` that is present. */
export function recordMatches(filter: FlowFilter, record: Matchable): boolean {
  if (filter.type !== undefined && record.type !== filter.type) return false;
  if (
    filter.namespace !== undefined &&
    record.source.namespace !== filter.namespace &&
    record.destination.namespace !== filter.namespace
  ) {
    return false;
  }
  if (
    filter.workload !== undefined &&
    record.source.workload !== filter.workload &&
    record.destination.workload !== filter.workload
  ) {
    return false;
  }
  if (filter.service !== undefined && !serviceMatches(filter.service, record.destination.service)) {
    return false;
  }
  if (filter.method !== undefined && record.method.toUpperCase() !== filter.method.toUpperCase()) {
    return false;
  }
  if (filter.path !== undefined && !record.path.startsWith(filter.path)) return false;
  if (filter.status !== undefined && !statusMatches(filter.status, record.status)) return false;
  return true;
}

/** True when the primary or one of the copies matches. */
export function exchangeMatches(
  filter: FlowFilter,
  primary: Matchable | null,
  copies: readonly Matchable[],
): boolean {
  if (primary !== null && recordMatches(filter, primary)) return true;
  for (const copy of copies) if (recordMatches(filter, copy)) return true;
  return false;
}

/**
 * A service named as a short name (`httpbin`), `name.namespace`, `name.namespace.svc` or FQDN matches
 * the FQDN of a cluster service; any other host matches only itself (case-insensitive).
 */
export function serviceMatches(wanted: string, host: string): boolean {
  const w = wanted.toLowerCase();
  const h = host.toLowerCase();
  if (w === h) return true;
  const split = splitServiceHost(h);
  if (split === null) return false;
  const short = `${split.name}.${split.namespace}`;
  return w === split.name || w === short || w === `${short}.svc`;
}

/** `503` exact, `5xx` a class, `0` no answer. */
export function statusMatches(wanted: string, status: number): boolean {
  if (wanted.length === 3 && wanted.endsWith('xx')) return Math.floor(status / 100) === Number(wanted[0]);
  return Number(wanted) === status;
}

/** True when `filter` has no field (it matches everything). */
export function isEmptyFilter(filter: FlowFilter): boolean {
  return Object.values(filter).every((v) => v === undefined);
}
