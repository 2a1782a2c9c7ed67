// Istio `headers.request|response` {set, add, remove}, merged route level first, then destination level.
import type { HeaderOperations } from '@shadowmesh/api';
import { isReservedHeader } from '@shadowmesh/api';
import type { HeaderOps } from './types.js';

export const EMPTY_HEADER_OPS: HeaderOps = Object.freeze({
  set: Object.freeze({}),
  add: Object.freeze({}),
  remove: Object.freeze([]) as readonly string[],
});

const AUTHORITY_KEYS = new Set(['host', ':authority']);

function lowerKeys(
  map: Record<string, string> | undefined,
  into: Record<string, string>,
  join: boolean,
): void {
  if (!map || typeof map !== 'object') return;
  for (const [k, v] of Object.entries(map)) {
    const key = k.toLowerCase();
    if (AUTHORITY_KEYS.has(key) || isReservedHeader(key)) continue;
    const value = String(v);
    const prev = into[key];
    into[key] = join && prev !== undefined ? `${prev},${value}` : value;
  }
}

/**
 * Merges header operations in order (route level, then destination level): a later `set` overwrites an
 * earlier one, `add` values for the same name are kept in order (comma-joined), `remove` lists are united.
 * Names are lower-cased. `host`/`:authority` in `set`/`add` are not header operations but an authority
 * rewrite in Istio: see `authorityFromHeaderOps`. Framing and hop-by-hop names (`isReservedHeader`) are
 * dropped: validation refuses them (SM0701), but a standalone file or a config stored before that rule
 * must not reach the proxy's framing either. The result is frozen and shared by every request.
 */
export function mergeHeaderOps(...layers: (HeaderOperations | undefined)[]): HeaderOps {
  const set: Record<string, string> = {};
  const add: Record<string, string> = {};
  const remove: string[] = [];
  let any = false;
  for (const l of layers) {
    if (!l || typeof l !== 'object') continue;
    any = true;
    lowerKeys(l.set, set, false);
    lowerKeys(l.add, add, true);
    for (const r of Array.isArray(l.remove) ? l.remove : []) {
      const key = String(r).toLowerCase();
      if (!isReservedHeader(key) && !remove.includes(key)) remove.push(key);
    }
  }
  if (!any) return EMPTY_HEADER_OPS;
  return Object.freeze({ set: Object.freeze(set), add: Object.freeze(add), remove: Object.freeze(remove) });
}

/**
 * Istio turns `headers.request.set|add` of `host` or `:authority` into a host rewrite. Returns the last one
 * given in `layers` order (destination level overrides route level), or null.
 */
export function authorityFromHeaderOps(...layers: (HeaderOperations | undefined)[]): string | null {
  let found: string | null = null;
  for (const l of layers) {
    for (const map of [l?.add, l?.set]) {
      if (!map || typeof map !== 'object') continue;
      for (const [k, v] of Object.entries(map)) if (AUTHORITY_KEYS.has(k.toLowerCase())) found = String(v);
    }
  }
  return found;
}
