// `POST /api/v1/apply`: multi-document YAML or JSON, create-or-update each object, all or nothing.
// Unmanaged kinds are skipped with a reason; one invalid document refuses the whole input.
import {
  type ApplyResult,
  type ApplyResultItem,
  type ManifestFieldError,
  parseManifests,
} from '@shadowmesh/api';
import { cpError } from '../../errors.js';
import type { Actor, Change } from '../store/types.js';
import type { ConfigContext } from './config-context.js';
import { writeWithFindings } from './write-with-findings.js';

export interface ApplyOptions {
  dryRun?: boolean;
  /** Namespace for objects without one (kubectl's `-n`); default `default`. */
  namespace?: string;
}

export function applyManifests(
  ctx: ConfigContext,
  text: string,
  options: ApplyOptions,
  actor: Actor,
): ApplyResult {
  const parsed = parseManifests(text, { defaultNamespace: options.namespace ?? 'default' });
  if (!parsed.ok) throw manifestError(parsed.errors, parsed.entries);
  if (parsed.entries.length === 0) {
    throw cpError('CP_ERR_BAD_REQUEST', 'no objects in the input', { field: 'body' });
  }
  const changes: Change[] = parsed.resources.map((resource) => ({
    type: 'put',
    mode: 'upsert',
    resource,
    expectedResourceVersion: resource.metadata.resourceVersion,
  }));
  const dryRun = options.dryRun ?? false;
  const written = writeWithFindings(ctx, changes, actor, { dryRun });
  const results: ApplyResultItem[] = [];
  let next = 0;
  for (const entry of parsed.entries) {
    const base = { index: entry.index, ...(entry.item !== undefined ? { item: entry.item } : {}) };
    if (entry.status === 'skipped') {
      const s = entry.skipped;
      results.push({
        ...base,
        apiVersion: s.apiVersion,
        kind: s.kind,
        name: s.name,
        action: 'skipped',
        reason: s.reason,
      });
    } else if (entry.status === 'resource') {
      const outcome = written.outcomes[next++]!;
      const after = outcome.after!;
      const item: ApplyResultItem = {
        ...base,
        apiVersion: entry.resource.apiVersion,
        kind: outcome.ref.kind,
        namespace: outcome.ref.namespace,
        name: outcome.ref.name,
        action: outcome.action === 'deleted' ? 'configured' : outcome.action,
      };
      if (!dryRun && after.metadata.resourceVersion) item.resourceVersion = after.metadata.resourceVersion;
      results.push(item);
    }
  }
  return {
    dryRun,
    revision: written.headRevision,
    results,
    warnings: [...parsed.warnings, ...written.findings],
  };
}

type Entries = ReturnType<typeof parseManifests>['entries'];

function manifestError(errors: readonly ManifestFieldError[], entries: Entries): Error {
  const first = errors[0]!;
  const entry = entries.find((e) => e.status === 'error' && e.index === first.document);
  const what =
    entry && entry.status === 'error' && entry.kind
      ? ` (${entry.kind}${entry.name ? ` ${entry.name}` : ''})`
      : '';
  const where =
    first.line !== undefined && !first.message.includes(' at line ')
      ? ` at line ${first.line}, column ${first.column ?? 1}`
      : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const details = {
    field: first.field,
    document: first.document,
    ...(first.line !== undefined ? { line: first.line, column: first.column } : {}),
    fields: errors.map((e) => ({ ...e })),
  };
  if (first.field === '(yaml)') {
    return cpError(
      'CP_ERR_MALFORMED_BODY',
      `malformed YAML in document ${first.document}${where}: ${first.message}`,
      details,
    );
  }
  return cpError(
    'CP_ERR_VALIDATION',
    `document ${first.document}${what}: ${first.field}: ${first.message}${where}${more}`,
    details,
  );
}
