// Writes to the control plane. Each mutation invalidates by key prefix: the objects, their analysis
// and their history are refetched wherever they are shown.
import type { MeshResource, RollbackResult } from '@shadowmesh/api';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend, type ObjectRef, objectPath } from './client';
import { queryKeys } from './queryKeys';

function invalidateConfig(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.resources }),
    client.invalidateQueries({ queryKey: queryKeys.analyze }),
    client.invalidateQueries({ queryKey: queryKeys.history }),
  ]);
}

export interface PatchVariables extends ObjectRef {
  /** A JSON merge patch; carries `metadata.resourceVersion` as the precondition. */
  patch: unknown;
}

/** `PATCH` with `application/merge-patch+json`; a stale resourceVersion answers 409. */
export function usePatchResource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ plural, namespace, name, patch }: PatchVariables) =>
      apiSend<MeshResource>(
        'PATCH',
        objectPath(plural, namespace, name),
        patch,
        'application/merge-patch+json',
      ),
    onSuccess: (object, { plural, namespace, name }) => {
      client.setQueryData(queryKeys.resource(plural, namespace, name), object);
      return invalidateConfig(client);
    },
  });
}

export interface ReplaceVariables extends ObjectRef {
  /** The whole object; its `metadata.resourceVersion` is the precondition. */
  object: unknown;
}

/** `PUT` of a whole object (the YAML editor's save). */
export function useReplaceResource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ plural, namespace, name, object }: ReplaceVariables) =>
      apiSend<MeshResource>('PUT', objectPath(plural, namespace, name), object),
    onSuccess: (object, { plural, namespace, name }) => {
      client.setQueryData(queryKeys.resource(plural, namespace, name), object);
      return invalidateConfig(client);
    },
  });
}

export interface CreateVariables {
  plural: string;
  namespace: string;
  /** The whole new object. */
  object: unknown;
}

/** `POST` to a collection: creates the object (409 when one of that name exists). */
export function useCreateResource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ plural, namespace, object }: CreateVariables) =>
      apiSend<MeshResource>(
        'POST',
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/${encodeURIComponent(plural)}`,
        object,
      ),
    onSuccess: (object, { plural, namespace }) => {
      client.setQueryData(queryKeys.resource(plural, namespace, object.metadata.name), object);
      return invalidateConfig(client);
    },
  });
}

export interface RollbackVariables {
  revision: number;
  kind: string;
  namespace: string;
  name: string;
}

/** `POST /api/v1/rollback` of one object to how it was right after `revision` (a new revision itself). */
export function useRollback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (variables: RollbackVariables) =>
      apiSend<RollbackResult>('POST', '/api/v1/rollback', variables),
    onSuccess: () => invalidateConfig(client),
  });
}
