// Single-object reads and writes behind the Kubernetes-style REST paths.
import {
  convertApiVersion,
  type Finding,
  isServedApiVersion,
  type KindInfo,
  type MeshResource,
  manifestMeshKind,
} from '@shadowmesh/api';
import { cpError } from '../../errors.js';
import { type LabelSelector, matchesLabels } from '../resources/label-selector.js';
import { mergePatch } from '../resources/merge-patch.js';
import type { Actor, ObjectRef } from '../store/types.js';
import type { ConfigContext } from './config-context.js';
import { validateObject } from './validate-object.js';
import { writeWithFindings } from './write-with-findings.js';

export interface WriteResponse {
  object: MeshResource;
  warnings: Finding[];
}

export function getObject(ctx: ConfigContext, ref: ObjectRef, apiVersion?: string): MeshResource {
  const found = ctx.store.get(ref);
  if (!found) throw notFound(ref);
  return served(found, apiVersion);
}

export function listObjects(
  ctx: ConfigContext,
  info: KindInfo,
  options: { namespace?: string; selector?: LabelSelector; apiVersion?: string },
): MeshResource[] {
  if (options.apiVersion) checkApiVersion(info, options.apiVersion);
  return ctx.store
    .list({ kind: info.kind, ...(options.namespace ? { namespace: options.namespace } : {}) })
    .filter((r) => !options.selector || matchesLabels(options.selector, r.metadata.labels))
    .map((r) => served(r, options.apiVersion));
}

export function createObject(
  ctx: ConfigContext,
  info: KindInfo,
  namespace: string,
  body: unknown,
  actor: Actor,
  dryRun = false,
): WriteResponse {
  checkBodyMatchesPath(info, namespace, null, body);
  const { resource, warnings } = validateObject(body, namespace);
  const result = writeWithFindings(ctx, [{ type: 'put', mode: 'create', resource }], actor, { dryRun });
  return { object: result.outcomes[0]!.after!, warnings: [...warnings, ...result.findings] };
}

export function replaceObject(
  ctx: ConfigContext,
  info: KindInfo,
  ref: ObjectRef,
  body: unknown,
  actor: Actor,
  dryRun = false,
): WriteResponse {
  checkBodyMatchesPath(info, ref.namespace, ref.name, body);
  const { resource, warnings } = validateObject(body, ref.namespace);
  const change = {
    type: 'put' as const,
    mode: 'update' as const,
    resource,
    expectedResourceVersion: resource.metadata.resourceVersion,
  };
  const result = writeWithFindings(ctx, [change], actor, { dryRun });
  return { object: result.outcomes[0]!.after!, warnings: [...warnings, ...result.findings] };
}

/** JSON merge patch (RFC 7386) of the object as stored; a resourceVersion in the patch is a precondition. */
export function patchObject(
  ctx: ConfigContext,
  info: KindInfo,
  ref: ObjectRef,
  patch: unknown,
  actor: Actor,
  dryRun = false,
): WriteResponse {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw cpError('CP_ERR_BAD_REQUEST', 'a merge patch must be a JSON object', { field: 'body' });
  }
  const current = ctx.store.get(ref);
  if (!current) throw notFound(ref);
  const merged = mergePatch(current, patch);
  checkBodyMatchesPath(info, ref.namespace, ref.name, merged);
  const { resource, warnings } = validateObject(merged, ref.namespace);
  const change = {
    type: 'put' as const,
    mode: 'update' as const,
    resource,
    expectedResourceVersion: resource.metadata.resourceVersion,
  };
  const result = writeWithFindings(ctx, [change], actor, { dryRun });
  return { object: result.outcomes[0]!.after!, warnings: [...warnings, ...result.findings] };
}

export function deleteObject(
  ctx: ConfigContext,
  ref: ObjectRef,
  actor: Actor,
  options: { expectedResourceVersion?: string | undefined; dryRun?: boolean } = {},
): WriteResponse {
  const change = { type: 'delete' as const, ref, expectedResourceVersion: options.expectedResourceVersion };
  const result = writeWithFindings(ctx, [change], actor, { dryRun: options.dryRun ?? false });
  return { object: result.outcomes[0]!.before!, warnings: result.findings };
}

/** The stored object in the apiVersion asked for (default: its storage version). */
export function served(resource: MeshResource, apiVersion?: string): MeshResource {
  if (!apiVersion || apiVersion === resource.apiVersion) return resource;
  if (!isServedApiVersion(resource.kind, apiVersion)) {
    throw cpError('CP_ERR_BAD_REQUEST', `apiVersion ${apiVersion} is not served for ${resource.kind}`, {
      field: 'query.apiVersion',
    });
  }
  return convertApiVersion(resource, apiVersion);
}

function checkApiVersion(info: KindInfo, apiVersion: string): void {
  if (!isServedApiVersion(info.kind, apiVersion)) {
    throw cpError('CP_ERR_BAD_REQUEST', `apiVersion ${apiVersion} is not served for ${info.kind}`, {
      field: 'query.apiVersion',
    });
  }
}

/**
 * The body may omit namespace; kind, name and namespace must agree with the path. The kind may be the stored
 * one (`KubernetesGateway`) or the manifest's (`kind: Gateway` of gateway.networking.k8s.io), told apart by apiVersion.
 */
function checkBodyMatchesPath(info: KindInfo, namespace: string, name: string | null, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw cpError('CP_ERR_BAD_REQUEST', 'the body must be a JSON object', { field: 'body' });
  }
  const obj = body as {
    kind?: unknown;
    apiVersion?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  if (obj.kind !== undefined && bodyKind(obj.kind, obj.apiVersion) !== info.kind) {
    const of = typeof obj.apiVersion === 'string' && obj.apiVersion !== '' ? ` of ${obj.apiVersion}` : '';
    throw cpError(
      'CP_ERR_BAD_REQUEST',
      `kind ${String(obj.kind)}${of} does not belong under /${info.plural}`,
      {
        field: 'kind',
      },
    );
  }
  const meta = typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {};
  if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
    throw cpError(
      'CP_ERR_BAD_REQUEST',
      `metadata.namespace ${String(meta.namespace)} does not match the namespace in the path (${namespace})`,
      { field: 'metadata.namespace' },
    );
  }
  if (name !== null && meta.name !== name) {
    throw cpError(
      'CP_ERR_BAD_REQUEST',
      `metadata.name ${JSON.stringify(meta.name)} does not match the name in the path (${name})`,
      { field: 'metadata.name' },
    );
  }
}

function bodyKind(kind: unknown, apiVersion: unknown): string | undefined {
  if (typeof kind !== 'string') return undefined;
  return manifestMeshKind(kind, typeof apiVersion === 'string' ? apiVersion : '') ?? kind;
}

function notFound(ref: ObjectRef) {
  return cpError('CP_ERR_RESOURCE_NOT_FOUND', `${ref.kind} ${ref.namespace}/${ref.name} not found`, {
    ...ref,
  });
}
