import { LineCounter } from 'yaml';
import { isMeshKind } from '../resources/kinds.js';
import type { MeshResource } from '../resources/mesh-resource.js';
import type { Finding } from '../validation/finding.js';
import { validateResource } from '../validation/validate-resource.js';
import { fieldPosition } from './field-position.js';
import type {
  EntryBase,
  ManifestEntry,
  ManifestFieldError,
  ParsedManifest,
  SkippedObject,
} from './parsed-manifest.js';
import { skipReason } from './skipped-kinds.js';
import { tooDeepManifest, yamlTooDeep } from './yaml-depth.js';
import { parseYamlDocuments } from './yaml-documents.js';
import { yamlSyntaxErrors, yamlValueError } from './yaml-errors.js';

export type { ManifestEntry, ManifestFieldError, ParsedManifest, SkippedObject } from './parsed-manifest.js';

export interface ParseManifestsOptions {
  /** Namespace for objects without `metadata.namespace` (kubectl's `-n`); default `default`. */
  defaultNamespace?: string;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Parses multi-document YAML (or JSON) as written for kubectl: each managed object is validated, objects of
 * other kinds are skipped with a reason, malformed YAML is an error with line and column.
 */
export function parseManifests(text: string, options: ParseManifestsOptions = {}): ParsedManifest {
  const tooDeep = yamlTooDeep(text);
  if (tooDeep !== null) return tooDeepManifest(tooDeep);
  const lineCounter = new LineCounter();
  const list = parseYamlDocuments(text, { lineCounter, merge: true, logLevel: 'silent', prettyErrors: true });
  const entries: ManifestEntry[] = [];
  for (const [index, doc] of list.entries()) {
    const start = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    if (doc.errors.length > 0) {
      entries.push({
        index,
        line: start,
        status: 'error',
        errors: yamlSyntaxErrors(doc, lineCounter, index),
      });
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      entries.push({
        index,
        line: start,
        status: 'error',
        errors: [yamlValueError(doc, lineCounter, index, err)],
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const obj = value as Record<string, unknown>;
    const isList = typeof obj === 'object' && str(obj.kind).endsWith('List') && Array.isArray(obj.items);
    const items: [unknown, number | undefined][] = isList
      ? (obj.items as unknown[]).map((it, i) => [it, i])
      : [[value, undefined]];
    for (const [item, itemIndex] of items) {
      const prefix = itemIndex === undefined ? '' : `items[${itemIndex}].`;
      const line =
        itemIndex === undefined
          ? start
          : (fieldPosition(doc, lineCounter, `items[${itemIndex}]`)?.line ?? start);
      entries.push(
        parseObject(item, { index, item: itemIndex, line }, options, (field) =>
          fieldPosition(doc, lineCounter, prefix + field),
        ),
      );
    }
  }
  const resources: MeshResource[] = [];
  const skipped: SkippedObject[] = [];
  const errors: ManifestFieldError[] = [];
  const warnings: Finding[] = [];
  for (const e of entries) {
    if (e.status === 'resource') {
      resources.push(e.resource);
      warnings.push(...e.warnings);
    } else if (e.status === 'skipped') skipped.push(e.skipped);
    else errors.push(...e.errors);
  }
  return { entries, resources, skipped, errors, warnings, ok: errors.length === 0 };
}

function parseObject(
  value: unknown,
  base: EntryBase,
  options: ParseManifestsOptions,
  position: (field: string) => { line: number; column: number } | undefined,
): ManifestEntry {
  const obj = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const kind = str(obj.kind);
  const apiVersion = str(obj.apiVersion);
  const metadata = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as Record<
    string,
    unknown
  >;
  const name = str(metadata.name);
  const reason = kind && apiVersion ? skipReason(kind, apiVersion, isMeshKind(kind)) : null;
  if (reason) return { ...base, status: 'skipped', skipped: { kind, apiVersion, name, reason } };
  const result = validateResource(value, { defaultNamespace: options.defaultNamespace });
  if (result.ok) return { ...base, status: 'resource', resource: result.resource, warnings: result.warnings };
  const errors = result.errors.map((e) => ({ ...e, document: base.index, ...position(e.field) }));
  return { ...base, status: 'error', kind: kind || undefined, name: name || undefined, errors };
}
