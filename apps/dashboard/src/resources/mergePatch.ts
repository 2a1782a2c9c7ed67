// JSON merge patch (RFC 7386): what the dashboard sends with `PATCH … application/merge-patch+json`.
import { isJsonObject, type JsonObject, jsonEqual } from './jsonValue';

/**
 * The merge patch that turns `before` into `after`, or `undefined` when they are equal. Objects are
 * patched member by member (a removed member becomes `null`); arrays and scalars are replaced whole, as
 * RFC 7386 prescribes, so an edited list is sent complete (with every element it keeps unchanged).
 */
export function createMergePatch(before: unknown, after: unknown): unknown {
  if (jsonEqual(before, after)) return undefined;
  if (!isJsonObject(before) || !isJsonObject(after)) return after === undefined ? null : after;
  const patch: JsonObject = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    const member = createMergePatch(before[key], after[key]);
    if (member !== undefined) patch[key] = member;
  }
  for (const key of Object.keys(before)) {
    if (before[key] !== undefined && (after[key] === undefined || !Object.hasOwn(after, key)))
      patch[key] = null;
  }
  return patch;
}

/** Applies a merge patch (RFC 7386 §2) to a value; returns a new value. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/**
 * The merge patch `base → edited`, carrying `metadata.resourceVersion` of `base` so the server refuses it
 * (409) when the object changed since `base` was read.
 */
export function preconditionedPatch(
  base: { metadata: { resourceVersion?: string } },
  edited: unknown,
): Record<string, unknown> {
  const patch = createMergePatch(base, edited);
  const body: Record<string, unknown> = isJsonObject(patch) ? { ...patch } : {};
  const metadata = isJsonObject(body.metadata) ? body.metadata : {};
  body.metadata = { ...metadata, resourceVersion: base.metadata.resourceVersion ?? '' };
  return body;
}
