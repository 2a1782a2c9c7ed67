import type { FieldError } from '../errors.js';
import { apiVersionsOf, findKind, kindInfo, manifestMeshKind } from '../resources/kinds.js';
import type { MeshResource } from '../resources/mesh-resource.js';
import { RESOURCE_SCHEMAS } from '../resources/mesh-resource.js';
import { ANALYSIS_CODES } from './analysis-codes.js';
import type { Finding } from './finding.js';
import { MAX_NESTING_DEPTH, nestingTooDeep } from './nesting-depth.js';
import { checkResourceRules } from './resource-rules.js';
import { schemaErrors } from './schema-errors.js';

export type ValidationResult =
  | { ok: true; resource: MeshResource; warnings: Finding[] }
  | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** Namespace given to objects without `metadata.namespace` (default `default`). */
  defaultNamespace?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep copy of YAML/JSON data (keeps numbers such as Infinity that a JSON round trip would lose). */
function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

function fail(field: string, message: string): ValidationResult {
  return { ok: false, errors: [{ field, message }] };
}

/**
 * Validates one object as written for kubectl: kind and apiVersion, the kind's schema, metadata names, and
 * istiod's webhook rules. Returns the normalized resource (namespace defaulted, only apiVersion/kind/metadata/spec
 * kept) with warnings, or every error with its field path (`spec.http[0].route[1].weight`).
 */
export function validateResource(obj: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isPlainObject(obj))
    return fail('(root)', 'must be an object with apiVersion, kind, metadata and spec');
  // Before anything recursive walks it (the copy below, the schema check): hostile depth is refused.
  const tooDeep = nestingTooDeep(obj);
  if (tooDeep !== null)
    return fail(tooDeep, `nests deeper than ${MAX_NESTING_DEPTH} levels of objects and lists`);
  const { kind, apiVersion } = obj;
  if (kind === undefined || kind === null || kind === '') return fail('kind', 'is required');
  if (typeof kind !== 'string') return fail('kind', 'must be a string');
  // `Gateway` is Istio's or Gateway API's by its apiVersion; the resource carries the kind's inside name.
  const meshKind = manifestMeshKind(kind, typeof apiVersion === 'string' ? apiVersion : '');
  if (meshKind === undefined) {
    const near = findKind(kind);
    const hint = near ? ` (did you mean "${near.manifestKind}"?)` : '';
    return fail('kind', `kind "${kind}" is not managed by Shadowmesh${hint}`);
  }
  const served = apiVersionsOf(kindInfo(meshKind));
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') {
    return fail('apiVersion', `is required (one of ${served.join(', ')})`);
  }
  if (typeof apiVersion !== 'string' || !served.includes(apiVersion)) {
    return fail(
      'apiVersion',
      `${String(apiVersion)} is not served for ${kind}; use one of ${served.join(', ')}`,
    );
  }
  if (!isPlainObject(obj.metadata))
    return fail('metadata', obj.metadata === undefined ? 'is required' : 'must be an object');
  if (obj.spec === undefined || obj.spec === null) return fail('spec', 'is required');

  const metadata = clone(obj.metadata) as Record<string, unknown>;
  if (metadata.namespace === undefined || metadata.namespace === null || metadata.namespace === '') {
    metadata.namespace = options.defaultNamespace ?? 'default';
  }
  const candidate = { apiVersion, kind: meshKind, metadata, spec: clone(obj.spec) };
  const errors = schemaErrors(RESOURCE_SCHEMAS[meshKind], candidate);
  if (errors.length > 0) return { ok: false, errors };

  const resource = candidate as unknown as MeshResource; // checked against its schema above
  const issues = checkResourceRules(resource);
  const ruleErrors = issues.filter((i) => ANALYSIS_CODES[i.code].level === 'error');
  if (ruleErrors.length > 0) {
    return { ok: false, errors: ruleErrors.map((i) => ({ field: i.field, message: i.message })) };
  }
  const ref = { kind: meshKind, namespace: metadata.namespace as string, name: resource.metadata.name };
  const warnings: Finding[] = issues.map((i) => ({
    code: i.code,
    level: ANALYSIS_CODES[i.code].level,
    message: i.message,
    resource: ref,
    field: i.field,
  }));
  return { ok: true, resource, warnings };
}
