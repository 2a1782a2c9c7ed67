// On-demand tap sessions pushed by the control plane (`{type:'tap', sessions}` replaces the list). A
// request that may match a session is captured; when its record is complete it is checked against each
// session's FlowFilter (status is known only then) and kept within the session's rate (a token bucket).
import type { FlowFilter, FlowRecord, TapSessionSpec } from '@shadowmesh/api';
import { splitServiceHost, TAP_MAX_RATE } from '@shadowmesh/api';

const FILTER_FIELDS: readonly (keyof FlowFilter)[] = [
  'namespace',
  'service',
  'workload',
  'method',
  'path',
  'status',
  'type',
];
const STATUS = /^([1-5][0-9][0-9]|[1-5]xx|0)$/;
const TYPES: ReadonlySet<string> = new Set(['primary', 'mirror', 'baseline']);

interface Session {
  readonly id: string;
  readonly filter: FlowFilter;
  readonly rate: number;
  tokens: number;
  refilledMs: number;
}

/** What is known of a request when it is routed (before its answer). */
export interface TapProbe {
  method: string;
  path: string;
  /** The destination service host (FQDN for mesh services) and its namespace. */
  service: string;
  namespace: string;
}

/** The sessions a record matched and got a token from; `overRate`: it matched some session but got none. */
export interface TapMatch {
  ids: string[] | null;
  overRate: boolean;
}

const NO_MATCH: TapMatch = Object.freeze({ ids: null, overRate: false }) as TapMatch;

export class TapSessions {
  private sessions: Session[] = [];

  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  get active(): boolean {
    return this.sessions.length > 0;
  }

  /** Ids of the active sessions (for /config_dump). */
  ids(): string[] {
    return this.sessions.map((s) => s.id);
  }

  /** Replaces the sessions; invalid entries are skipped, each named in the returned errors. */
  replace(specs: unknown): string[] {
    const errors: string[] = [];
    const next: Session[] = [];
    if (!Array.isArray(specs)) {
      this.sessions = [];
      return ['sessions: expected an array'];
    }
    const now = this.nowMs();
    specs.forEach((spec: unknown, i) => {
      const error = checkSpec(spec);
      if (error !== null) {
        errors.push(`sessions[${i}]${error}`);
        return;
      }
      const s = spec as TapSessionSpec;
      const rate = Math.min(s.ratePerSecond, TAP_MAX_RATE);
      const prior = this.sessions.find((p) => p.id === s.id);
      next.push({
        id: s.id,
        filter: { ...s.filter },
        rate,
        // A session sent again keeps its bucket: re-sending the list must not reset the rate.
        tokens: prior === undefined ? Math.max(1, rate) : Math.min(prior.tokens, Math.max(1, rate)),
        refilledMs: prior?.refilledMs ?? now,
      });
    });
    this.sessions = next;
    return errors;
  }

  /** Could a request with these facts match a session (the fields known before its answer)? */
  mayMatch(probe: TapProbe): boolean {
    for (const s of this.sessions) {
      const f = s.filter;
      if (f.method !== undefined && f.method.toUpperCase() !== probe.method.toUpperCase()) continue;
      if (f.path !== undefined && !probe.path.startsWith(f.path)) continue;
      if (f.namespace !== undefined && f.namespace !== probe.namespace) continue;
      if (f.service !== undefined && !serviceMatches(f.service, probe.service)) continue;
      return true;
    }
    return false;
  }

  /** Of the sessions `ids` (that admitted another part of the same request), those `record` matches: no token. */
  alongWith(record: FlowRecord, ids: readonly string[]): string[] {
    const out: string[] = [];
    for (const s of this.sessions) if (ids.includes(s.id) && recordMatches(s.filter, record)) out.push(s.id);
    return out;
  }

  /** The sessions `record` matches, taking one token from each; a match without any token is over rate. */
  take(record: FlowRecord): TapMatch {
    let ids: string[] | null = null;
    let matched = false;
    for (const s of this.sessions) {
      if (!recordMatches(s.filter, record)) continue;
      matched = true;
      if (!this.takeToken(s)) continue;
      if (ids === null) ids = [];
      ids.push(s.id);
    }
    if (!matched) return NO_MATCH;
    return { ids, overRate: ids === null };
  }

  private takeToken(s: Session): boolean {
    const now = this.nowMs();
    const capacity = Math.max(1, s.rate);
    s.tokens = Math.min(capacity, s.tokens + ((now - s.refilledMs) / 1000) * s.rate);
    s.refilledMs = now;
    if (s.tokens < 1) return false;
    s.tokens -= 1;
    return true;
  }
}

/** `service` (short name, `name.namespace` or FQDN) names `host`. */
export function serviceMatches(service: string, host: string): boolean {
  if (service === host) return true;
  const parts = splitServiceHost(host);
  return parts !== null && (service === parts.name || service === `${parts.name}.${parts.namespace}`);
}

/** `503` exactly, `5xx` by class, `0` for no answer. */
export function statusMatches(filter: string, status: number): boolean {
  if (filter.endsWith('xx')) return status >= 100 && Math.floor(status / 100) === Number(filter[0]);
  return Number(filter) === status;
}

export function recordMatches(f: FlowFilter, r: FlowRecord): boolean {
  if (f.type !== undefined && f.type !== r.type) return false;
  if (f.method !== undefined && f.method.toUpperCase() !== r.method.toUpperCase()) return false;
  if (f.path !== undefined && !r.path.startsWith(f.path)) return false;
  if (f.namespace !== undefined && f.namespace !== r.destination.namespace) return false;
  if (f.service !== undefined && !serviceMatches(f.service, r.destination.service)) return false;
  if (f.workload !== undefined && f.workload !== r.source.workload && f.workload !== r.destination.workload)
    return false;
  if (f.status !== undefined && !statusMatches(f.status, r.status)) return false;
  return true;
}

/** Null when `spec` is a valid TapSessionSpec, else the path and problem (`.filter.status: …`). */
function checkSpec(spec: unknown): string | null {
  if (spec === null || typeof spec !== 'object') return ': expected an object';
  const s = spec as Record<string, unknown>;
  if (typeof s.id !== 'string' || s.id === '' || s.id.length > 300)
    return '.id: expected a string of 1 to 300 characters';
  if (typeof s.ratePerSecond !== 'number' || !Number.isFinite(s.ratePerSecond) || s.ratePerSecond <= 0)
    return '.ratePerSecond: expected a number > 0';
  const f = s.filter;
  if (f === null || typeof f !== 'object' || Array.isArray(f)) return '.filter: expected an object';
  for (const key of Object.keys(f)) {
    const value = (f as Record<string, unknown>)[key];
    if (!FILTER_FIELDS.includes(key as keyof FlowFilter)) return `.filter.${key}: unknown field`;
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') return `.filter.${key}: expected a non-empty string`;
    if (key === 'status' && !STATUS.test(value))
      return '.filter.status: expected a code (503), a class (5xx) or 0';
    if (key === 'type' && !TYPES.has(value)) return '.filter.type: expected primary, mirror or baseline';
  }
  return null;
}
