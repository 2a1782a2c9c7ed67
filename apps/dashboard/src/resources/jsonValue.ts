// Plain JSON values (what resources are on the wire) and structural equality over them.

export type JsonObject = { [key: string]: unknown };

/** True for a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; object key order does not matter, `undefined` keys are absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** A deep copy of a JSON value (drops `undefined` members, as JSON does). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * A copy of `object` with `updates` applied in place: existing keys keep their position (so YAML diffs
 * show a changed value, not a moved block), `undefined` removes a key, new keys go last.
 */
export function replaceKeys<T extends object>(object: T, updates: Record<string, unknown>): T {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    const next = Object.hasOwn(updates, key) ? updates[key] : value;
    if (next !== undefined) result[key] = next;
  }
  for (const [key, value] of Object.entries(updates)) {
    if (!Object.hasOwn(result, key) && value !== undefined && !Object.hasOwn(object, key))
      result[key] = value;
  }
  return result as T;
}
