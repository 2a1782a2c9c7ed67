import { invalidOption } from './errors.js';

/** A JSON field every JSON answer overrides or adds, to make one version answer differently on purpose. */
export interface JsonDivergence {
  /** Field path; `slideshow.title` reaches into nested objects. */
  readonly path: readonly string[];
  readonly value: unknown;
}

/**
 * Parses `name=value`. The value is read as JSON when it is JSON (`3`, `true`, `null`, `"3"`, `{"a":1}`)
 * and as a plain string otherwise (`v3`, `hello world`).
 */
export function parseDivergeField(input: unknown, field = 'divergeField'): JsonDivergence {
  if (typeof input !== 'string') throw invalidOption(field, 'must be a string name=value');
  const eq = input.indexOf('=');
  const name = eq < 0 ? '' : input.slice(0, eq).trim();
  const path = name.split('.');
  if (eq < 0 || path.some((part) => part === '')) {
    throw invalidOption(
      field,
      `expected name=value (like version=v9 or slideshow.title=New), got "${input}"`,
    );
  }
  const raw = input.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: keep the text as a string value.
  }
  return Object.freeze({ path: Object.freeze(path), value });
}

/** Sets the field on `body` in place, creating (or replacing non-object) parents along the path. */
export function applyDivergence(body: Record<string, unknown>, divergence: JsonDivergence): void {
  const { path, value } = divergence;
  let target = body;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = target[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      target = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      target[key] = created;
      target = created;
    }
  }
  target[path[path.length - 1]!] = value;
}
