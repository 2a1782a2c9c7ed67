// Works out what a list of changes does to the stored objects — actions, server-set metadata,
// refusals (404/409) — without touching the database. The store commits exactly this plan.
import { randomUUID } from 'node:crypto';
import type { MeshResource, ObjectMeta } from '@shadowmesh/api';
import { cpError } from '../../errors.js';
import { sameJson } from '../resources/canonical-json.js';
import { storageApiVersion } from '../resources/kind-registry.js';
import { type Change, type ChangeOutcome, keyOf, type ObjectRef, refOf } from './types.js';

export interface PlanInput {
  changes: readonly Change[];
  /** The stored object for a key (`kind/namespace/name`), or undefined. */
  lookup(key: string): MeshResource | undefined;
  /** The revision number the first recorded change will get. */
  firstRevision: number;
  now: string;
}

export interface Plan {
  outcomes: ChangeOutcome[];
  /** Final state of every key touched (null = deleted). */
  finalState: Map<string, MeshResource | null>;
}

export function planChanges({ changes, lookup, firstRevision, now }: PlanInput): Plan {
  const overlay = new Map<string, MeshResource | null>();
  const current = (key: string) => (overlay.has(key) ? overlay.get(key)! : (lookup(key) ?? null));
  const outcomes: ChangeOutcome[] = [];
  let next = firstRevision;
  for (const change of changes) {
    const ref = change.type === 'put' ? refOf(change.resource) : change.ref;
    const key = keyOf(ref);
    const before = current(key);
    checkPreconditions(change, ref, before);
    if (change.type === 'delete') {
      overlay.set(key, null);
      outcomes.push({ ref, action: 'deleted', before: before!, after: null, revision: next++ });
      continue;
    }
    const wanted = normalize(change.resource, ref);
    if (before && sameUserFields(before, wanted)) {
      outcomes.push({ ref, action: 'unchanged', before, after: before, revision: null });
      continue;
    }
    const revision = next++;
    const after = withServerFields(wanted, before, revision, now);
    overlay.set(key, after);
    outcomes.push({ ref, action: before ? 'configured' : 'created', before, after, revision });
  }
  return { outcomes, finalState: overlay };
}

function checkPreconditions(change: Change, ref: ObjectRef, before: MeshResource | null): void {
  const what = `${ref.kind} ${ref.namespace}/${ref.name}`;
  const mustExist = change.type === 'delete' || change.mode === 'update';
  if (mustExist && !before) {
    throw cpError('CP_ERR_RESOURCE_NOT_FOUND', `${what} not found`, { ...ref });
  }
  if (change.type === 'put' && change.mode === 'create' && before) {
    throw cpError('CP_ERR_ALREADY_EXISTS', `${what} already exists`, { ...ref, current: before });
  }
  const expected = change.expectedResourceVersion;
  if (expected !== undefined && expected !== '' && before?.metadata.resourceVersion !== expected) {
    throw cpError(
      'CP_ERR_CONFLICT',
      `${what} has been modified: resourceVersion ${expected} is stale (current ${before?.metadata.resourceVersion ?? 'none'})`,
      { field: 'metadata.resourceVersion', ...ref, current: before },
    );
  }
}

/** Keeps what a user owns: apiVersion in storage form, kind, name/namespace/labels/annotations, spec. */
function normalize(resource: MeshResource, ref: ObjectRef): MeshResource {
  const meta: ObjectMeta = { name: ref.name, namespace: ref.namespace };
  if (resource.metadata.labels && Object.keys(resource.metadata.labels).length > 0) {
    meta.labels = { ...resource.metadata.labels };
  }
  if (resource.metadata.annotations && Object.keys(resource.metadata.annotations).length > 0) {
    meta.annotations = { ...resource.metadata.annotations };
  }
  return {
    apiVersion: storageApiVersion(resource.kind),
    kind: resource.kind,
    metadata: meta,
    spec: structuredClone(resource.spec ?? {}),
  } as MeshResource;
}

function sameUserFields(stored: MeshResource, wanted: MeshResource): boolean {
  return (
    sameJson(stored.spec, wanted.spec) &&
    sameJson(stored.metadata.labels ?? {}, wanted.metadata.labels ?? {}) &&
    sameJson(stored.metadata.annotations ?? {}, wanted.metadata.annotations ?? {})
  );
}

function withServerFields(
  wanted: MeshResource,
  before: MeshResource | null,
  revision: number,
  now: string,
): MeshResource {
  const specChanged = !before || !sameJson(before.spec, wanted.spec);
  const generation = (before?.metadata.generation ?? 0) + (specChanged ? 1 : 0);
  return {
    ...wanted,
    metadata: {
      ...wanted.metadata,
      uid: before?.metadata.uid ?? randomUUID(),
      resourceVersion: String(revision),
      generation,
      creationTimestamp: before?.metadata.creationTimestamp ?? now,
    },
  } as MeshResource;
}
