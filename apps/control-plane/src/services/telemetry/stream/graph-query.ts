// Validation of a graph view, shared by `GET /api/v1/graph`, `GET /api/v1/metrics` and the stream's
// `subscribe` message: graph type, namespaces, and a duration from 10 s to 6 h.
import type { GraphStreamSubscribe, GraphType } from '@shadowmesh/api';
import { DurationError, parseDuration } from '@shadowmesh/api';

export const GRAPH_TYPES: readonly GraphType[] = ['versionedApp', 'app', 'workload', 'service'];
export const MIN_DURATION_SECONDS = 10;
export const MAX_DURATION_SECONDS = 6 * 3600;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_NAMESPACES = 100;

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** `60s`, `5m`, `1h`, or a number of seconds; 10 s … 6 h, whole seconds. */
export function checkDuration(input: unknown, field: string): Checked<number> {
  let seconds: number;
  if (typeof input === 'number') seconds = input;
  else if (typeof input === 'string' && /^\d+$/.test(input)) seconds = Number(input);
  else if (typeof input === 'string') {
    try {
      seconds = parseDuration(input) / 1000;
    } catch (error) {
      if (error instanceof DurationError) return { ok: false, field, message: error.message };
      throw error;
    }
  } else return { ok: false, field, message: 'must be a duration such as "60s", "5m" or "6h"' };
  if (!Number.isInteger(seconds) || seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
    return { ok: false, field, message: 'must be whole seconds from 10s to 6h' };
  }
  return { ok: true, value: seconds };
}

export function checkGraphType(input: unknown, field: string): Checked<GraphType> {
  if (GRAPH_TYPES.includes(input as GraphType)) return { ok: true, value: input as GraphType };
  return { ok: false, field, message: `must be one of ${GRAPH_TYPES.join(', ')}` };
}

/** A list (array, or comma-separated string) of namespace names; empty = all. */
export function checkNamespaces(input: unknown, field: string): Checked<string[]> {
  const list =
    input === undefined || input === ''
      ? []
      : typeof input === 'string'
        ? input.split(',').map((s) => s.trim())
        : input;
  if (!Array.isArray(list) || list.length > MAX_NAMESPACES) {
    return { ok: false, field, message: `must be a list of at most ${MAX_NAMESPACES} namespaces` };
  }
  for (const [i, ns] of list.entries()) {
    if (typeof ns !== 'string' || ns.length > 63 || !NAMESPACE.test(ns)) {
      return { ok: false, field: `${field}[${i}]`, message: 'must be a namespace name (DNS-1123 label)' };
    }
  }
  return { ok: true, value: [...new Set(list as string[])].sort() };
}

/** Parses a client's `subscribe` message (already JSON-decoded). */
export function checkSubscribe(input: unknown): Checked<GraphStreamSubscribe> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, field: 'message', message: 'must be a JSON object' };
  }
  const o = input as Record<string, unknown>;
  if (o.type !== 'subscribe') return { ok: false, field: 'type', message: 'must be "subscribe"' };
  const namespaces = checkNamespaces(o.namespaces ?? [], 'namespaces');
  if (!namespaces.ok) return namespaces;
  const graphType = checkGraphType(o.graphType ?? 'versionedApp', 'graphType');
  if (!graphType.ok) return graphType;
  const duration = checkDuration(o.durationSeconds ?? 60, 'durationSeconds');
  if (!duration.ok) return duration;
  return {
    ok: true,
    value: {
      type: 'subscribe',
      namespaces: namespaces.value,
      graphType: graphType.value,
      durationSeconds: duration.value,
    },
  };
}

/** Most points one metrics answer holds. */
export const MAX_POINTS = 1000;

/**
 * The step of a metrics series: given (`15s`, `60`) or chosen (about 60 points). Whole seconds, at
 * least 1; beyond 15 minutes a multiple of 10 (the store's resolution there); at most 1,000 points.
 */
export function checkStep(input: unknown, durationSeconds: number, field: string): Checked<number> {
  const coarse = durationSeconds > 900;
  if (input === undefined || input === '') {
    const raw = Math.max(1, Math.round(durationSeconds / 60));
    return { ok: true, value: coarse ? Math.ceil(raw / 10) * 10 : raw };
  }
  let seconds: number;
  if (typeof input === 'string' && /^\d+$/.test(input)) seconds = Number(input);
  else if (typeof input === 'string') {
    try {
      seconds = parseDuration(input) / 1000;
    } catch (error) {
      if (error instanceof DurationError) return { ok: false, field, message: error.message };
      throw error;
    }
  } else return { ok: false, field, message: 'must be a duration such as "10s"' };
  if (!Number.isInteger(seconds) || seconds < 1)
    return { ok: false, field, message: 'must be whole seconds, at least 1s' };
  if (coarse && seconds % 10 !== 0) {
    return { ok: false, field, message: 'must be a multiple of 10s for durations over 15m' };
  }
  if (durationSeconds / seconds > MAX_POINTS) {
    return { ok: false, field, message: `gives more than ${MAX_POINTS} points for this duration` };
  }
  return { ok: true, value: seconds };
}

/** The graph type a node or edge id was made in (see graph-nodes.ts), when it tells. */
export function graphTypeOfId(id: string): GraphType {
  const parts = id.split('>');
  const has = (prefix: string) => parts.some((p) => p.startsWith(prefix));
  if (has('vapp:')) return 'versionedApp';
  if (has('app:')) return 'app';
  if (has('wl:')) return 'workload';
  if (parts.length === 2 && parts.every((p) => p.startsWith('svc:'))) return 'service';
  return 'versionedApp';
}
