import type { TSchema } from '@sinclair/typebox';
import type { Issue } from './finding.js';
import { fieldPath } from './rule-context.js';

interface SchemaShape {
  title?: string;
  properties?: Record<string, TSchema>;
  patternProperties?: Record<string, TSchema>;
  items?: TSchema;
  additionalProperties?: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function suggestion(name: string, known: string[]): string {
  const lower = name.toLowerCase();
  const near = known.find((k) => {
    const kl = k.toLowerCase();
    return (
      kl === lower || kl.startsWith(lower) || lower.startsWith(kl) || (kl.length > 4 && lower.includes(kl))
    );
  });
  return near ? ` (did you mean "${near}"?)` : '';
}

function walk(schema: TSchema, value: unknown, field: string, out: Issue[]): void {
  const s = schema as SchemaShape;
  if (Array.isArray(value) && s.items) {
    for (const [i, v] of value.entries()) walk(s.items, v, fieldPath(field, i), out);
    return;
  }
  if (!isObject(value)) return;
  if (s.properties) {
    for (const [k, v] of Object.entries(value)) {
      const sub = s.properties[k];
      if (sub) walk(sub, v, fieldPath(field, k), out);
      else if (s.title && s.additionalProperties !== false) {
        // Only objects titled after an Istio message list every field Istio has; others may carry fields we
        // do not model, which must stay silent.
        out.push({
          code: 'SM0903',
          field: fieldPath(field, k),
          message: `"${k}" is not a field of ${s.title}${suggestion(k, Object.keys(s.properties))}; it is ignored`,
        });
      }
    }
  } else if (s.patternProperties) {
    const sub = Object.values(s.patternProperties)[0];
    if (sub) for (const [k, v] of Object.entries(value)) walk(sub, v, fieldPath(field, k), out);
  }
}

/**
 * Fields that the Istio API does not have, in objects whose every field is modelled (titled schemas): kubectl
 * would prune them silently, which hides typos such as `mirrorPercentge` (then 100 % is mirrored).
 */
export function unknownFields(specSchema: TSchema, spec: unknown): Issue[] {
  const out: Issue[] = [];
  walk(specSchema, spec, 'spec', out);
  return out;
}
