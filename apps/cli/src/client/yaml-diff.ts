// `diff`: a unified diff of one object's YAML, live against what apply would store.
import { type Resource, toIstioManifest } from '@shadowmesh/api';
import { createTwoFilesPatch } from 'diff';
import { toYamlDocument } from './yaml-output.js';

/**
 * Unified diff (`---`/`+++` headers, `@@` hunks, 3 lines of context) between the live object and the object
 * as applied, both without server fields. The live object's keys are put in the applied file's order, so
 * only real changes show, never reordering. A missing side is empty (a create). '' when equal.
 */
export function yamlDiff(label: string, live: Resource | null, applied: Resource | null): string {
  const appliedClean = applied ? toIstioManifest(applied) : null;
  const liveClean = live ? toIstioManifest(live) : null;
  const before = liveClean
    ? toYamlDocument(appliedClean ? alignKeys(liveClean, appliedClean) : liveClean)
    : '';
  const after = appliedClean ? toYamlDocument(appliedClean) : '';
  if (before === after) return '';
  const patch = createTwoFilesPatch(
    `live/${label}`,
    `applied/${label}`,
    before,
    after,
    undefined,
    undefined,
    {
      context: 3,
    },
  );
  // Drop the `Index:`/`====` preamble; keep from the `---` header on.
  return patch.slice(patch.indexOf('--- '));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A copy of `value` whose object keys follow `model`'s order where `model` has the same key (at every level,
 * list items matched by position); keys `model` lacks keep their order after those.
 */
export function alignKeys(value: unknown, model: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => alignKeys(item, Array.isArray(model) ? model[i] : undefined));
  }
  if (!isPlainObject(value)) return value;
  const order = isPlainObject(model) ? Object.keys(model).filter((k) => k in value) : [];
  const rest = Object.keys(value).filter((k) => !order.includes(k));
  return Object.fromEntries(
    [...order, ...rest].map((k) => [k, alignKeys(value[k], isPlainObject(model) ? model[k] : undefined)]),
  );
}
