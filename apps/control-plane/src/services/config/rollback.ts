// `POST /api/v1/rollback`: puts objects back as they were right after a revision. The rollback is
// itself a new write (one batch of revisions), validated like any other.
import type { MeshKind, RollbackResult, RollbackResultItem } from '@shadowmesh/api';
import { cpError } from '../../errors.js';
import type { Actor, Change } from '../store/types.js';
import type { ConfigContext } from './config-context.js';
import { validateObject, validationError } from './validate-object.js';
import { writeWithFindings } from './write-with-findings.js';

export interface RollbackRequest {
  revision: number;
  /** Limit the rollback to matching objects (default: every object). */
  kind?: MeshKind;
  namespace?: string;
  name?: string;
  dryRun?: boolean;
}

export function rollback(ctx: ConfigContext, request: RollbackRequest, actor: Actor): RollbackResult {
  const { revision } = request;
  if (revision <= ctx.store.historyPrunedThrough) {
    throw cpError(
      'CP_ERR_REVISION_NOT_FOUND',
      `revision ${revision} was pruned from the history (revisions up to ${ctx.store.historyPrunedThrough} are gone; --history-revisions sets how many are kept)`,
      { field: 'revision', prunedThrough: ctx.store.historyPrunedThrough },
    );
  }
  if (!ctx.store.revision(revision)) {
    throw cpError('CP_ERR_REVISION_NOT_FOUND', `revision ${revision} does not exist`, { field: 'revision' });
  }
  const changes: Change[] = [];
  const errors: Array<{ field: string; message: string }> = [];
  for (const { ref, object } of ctx.store.stateAt(revision).values()) {
    if (request.kind && ref.kind !== request.kind) continue;
    if (request.namespace && ref.namespace !== request.namespace) continue;
    if (request.name && ref.name !== request.name) continue;
    const current = ctx.store.get(ref);
    if (!object) {
      if (current) changes.push({ type: 'delete', ref });
      continue;
    }
    try {
      const { resource } = validateObject(stripServerFields(object), ref.namespace);
      changes.push({ type: 'put', mode: 'upsert', resource });
    } catch (error) {
      const fields = (error as { details?: { fields?: Array<{ field: string; message: string }> } }).details
        ?.fields;
      const label = `${ref.kind} ${ref.namespace}/${ref.name}`;
      for (const f of fields ?? []) errors.push({ field: `${label}: ${f.field}`, message: f.message });
    }
  }
  if (errors.length > 0) throw validationError(errors, `revision ${revision} no longer validates: `);
  const dryRun = request.dryRun ?? false;
  const written = writeWithFindings(ctx, changes, actor, { dryRun, rollbackOf: revision });
  const results: RollbackResultItem[] = [];
  for (const o of written.outcomes) {
    if (o.action === 'unchanged') continue;
    const item: RollbackResultItem = { ...o.ref, action: o.action };
    if (!dryRun && o.after?.metadata.resourceVersion) item.resourceVersion = o.after.metadata.resourceVersion;
    results.push(item);
  }
  return {
    dryRun,
    rollbackOf: revision,
    revision: written.headRevision,
    results,
    warnings: written.findings,
  };
}

function stripServerFields<T extends { metadata: object }>(object: T): T {
  const {
    resourceVersion: _rv,
    generation: _g,
    uid: _u,
    creationTimestamp: _c,
    ...metadata
  } = object.metadata as Record<string, unknown>;
  return { ...object, metadata };
}
