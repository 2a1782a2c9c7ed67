import type { TSchema } from '@sinclair/typebox';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { type FieldError, pointerToFieldPath } from '../errors.js';

const MAX_ERRORS = 50;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function literalChoices(schema: TSchema): string[] | null {
  const anyOf = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!anyOf?.every((s) => 'const' in s)) return null;
  return anyOf.map((s) => String((s as unknown as { const: unknown }).const));
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

function unknownField(e: ValueError): string {
  const name = e.path.split('/').pop() ?? '';
  const known = Object.keys((e.schema as { properties?: Record<string, unknown> }).properties ?? {});
  const near = known.find((k) => k.toLowerCase() === name.toLowerCase() || distance(k, name) <= 2);
  if (near) return `is not a known field (did you mean "${near}"?)`;
  return `is not a known field; known fields: ${known.join(', ')}`;
}

/** A human message for one TypeBox error (without the field path). */
function messageFor(e: ValueError): string {
  const got = ` (got ${describe(e.value)})`;
  const s = e.schema as Record<string, unknown>;
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return unknownField(e);
    case ValueErrorType.String:
      return `must be a string${got}`;
    case ValueErrorType.Integer:
      return `must be an integer${got}`;
    case ValueErrorType.Number:
      return `must be a number${got}`;
    case ValueErrorType.Boolean:
      return `must be true or false${got}`;
    case ValueErrorType.Array:
      return `must be a list${got}`;
    case ValueErrorType.Object:
      return `must be an object${got}`;
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify(s.const)}${got}`;
    case ValueErrorType.StringPattern:
      return `must be ${typeof s.description === 'string' ? s.description : `a string matching ${s.pattern}`}${got}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `must be at least ${s.minimum}${got}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `must be at most ${s.maximum}${got}`;
    case ValueErrorType.Union: {
      const choices = literalChoices(e.schema);
      if (choices) return `must be one of ${choices.join(', ')}${got}`;
      if (typeof s.description === 'string') return `must be ${s.description}${got}`;
      return `has an invalid value${got}`;
    }
    default:
      return `${e.message.replace(/^Expected/, 'expected')}${got}`;
  }
}

/**
 * Checks `value` against a schema and returns one error per field, with Kubernetes-style field paths
 * (`spec.http[0].route[1].weight`), at most 50.
 */
export function schemaErrors(schema: TSchema, value: unknown): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, value)) {
    const field = pointerToFieldPath(e.path) || '(root)';
    if ([...seen].some((p) => field === p || field.startsWith(`${p}.`) || field.startsWith(`${p}[`)))
      continue;
    seen.add(field);
    out.push({ field, message: messageFor(e) });
    if (out.length >= MAX_ERRORS) break;
  }
  return out;
}
