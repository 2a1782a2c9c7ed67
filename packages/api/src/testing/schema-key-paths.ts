// Which key paths of a value its JSON schema does not name: a field-name check that, unlike validation,
// also catches keys a permissive schema (additionalProperties allowed) would let through unremarked.
import type { TSchema } from '@sinclair/typebox';

type Schema = TSchema & {
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Field paths (`spec.http[0].mirror.hots`) in `value` that `schema` does not declare; [] when all are named. */
export function undeclaredKeyPaths(schema: TSchema, value: unknown, path = ''): string[] {
  const s = schema as Schema;
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    // The value names only declared keys when some branch declares them all; else the closest branch's misses.
    const misses = branches.map((b) => undeclaredKeyPaths(b, value, path));
    return misses.reduce((best, m) => (m.length < best.length ? m : best));
  }
  if (s.allOf) {
    const merged: Schema = { properties: {} } as Schema;
    for (const part of s.allOf) Object.assign(merged.properties as object, part.properties ?? {});
    return undeclaredKeyPaths(merged, value, path);
  }
  if (Array.isArray(value)) {
    if (!s.items) return [];
    return value.flatMap((item, i) => undeclaredKeyPaths(s.items as Schema, item, `${path}[${i}]`));
  }
  if (!isObject(value) || (!s.properties && !s.patternProperties && !isObject(s.additionalProperties))) {
    return []; // a scalar, or a schema that does not describe keys (unknown, any)
  }
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const declared =
      s.properties?.[key] ??
      Object.entries(s.patternProperties ?? {}).find(([p]) => new RegExp(p).test(key))?.[1] ??
      (isObject(s.additionalProperties) ? (s.additionalProperties as Schema) : undefined);
    if (declared) out.push(...undeclaredKeyPaths(declared, child, at));
    else out.push(at);
  }
  return out;
}
