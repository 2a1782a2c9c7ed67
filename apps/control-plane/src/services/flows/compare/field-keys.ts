// A compared field's key is `<kind>:<field>` (`status:status`, `header:content-type`, `body:$.uuid`,
// `body:line 3`, `body:body`): signatures, noise sets and `volatileFields` all use it.
import type { FlowDifference } from '@shadowmesh/api';
import { isPathWithin } from './json-path.js';

export function fieldKey(d: Pick<FlowDifference, 'kind' | 'field'>): string {
  return `${d.kind}:${d.field}`;
}

/** Splits a key back into kind and field. */
export function splitFieldKey(key: string): Pick<FlowDifference, 'kind' | 'field'> {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon) as FlowDifference['kind'], field: key.slice(colon + 1) };
}

const JSON_BODY = 'body:$';

/** A field is volatile when it, or (for JSON) a field it lies under, was learned volatile. */
export function isVolatileField(volatile: ReadonlySet<string>, key: string): boolean {
  if (volatile.size === 0) return false;
  if (volatile.has(key)) return true;
  if (!key.startsWith(JSON_BODY)) return false;
  for (const v of volatile) if (v.startsWith(JSON_BODY) && isPathWithin(key, v)) return true;
  return false;
}

export const CONTENT_LENGTH_KEY = 'header:content-length';

/**
 * The keys still counted once volatile ones are dropped. content-length only counts beside a counted
 * body difference: alone it only echoes a difference that was ignored (an echoed `-shadow` host, a
 * volatile field of another length).
 */
export function countedKeys(keys: readonly string[], isVolatile: (key: string) => boolean): string[] {
  const kept = keys.filter((k) => !isVolatile(k));
  if (!kept.includes(CONTENT_LENGTH_KEY) || kept.some((k) => k.startsWith('body:'))) return kept;
  return kept.filter((k) => k !== CONTENT_LENGTH_KEY);
}
