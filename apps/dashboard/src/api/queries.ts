import type {
  AnalyzeResponse,
  HistoryResponse,
  MeshResource,
  ProxyStatus,
  ResourceList,
  SessionInfo,
  VersionInfo,
} from '@shadowmesh/api';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch, objectPath } from './client';
import { queryKeys } from './queryKeys';

/** One queryOptions factory per resource (TanStack's recommended pattern). */
export const versionQuery = () =>
  queryOptions({
    queryKey: queryKeys.version,
    queryFn: () => apiFetch<VersionInfo>('/api/v1/version'),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Who the browser is: signed in or not, and what it may do. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: queryKeys.session,
    queryFn: () => apiFetch<SessionInfo>('/api/v1/session'),
    staleTime: 60_000,
  });

/** Every object of one kind (by REST plural), in one namespace or all. */
export const resourceListQuery = <R extends MeshResource = MeshResource>(
  plural: string,
  namespace?: string,
) =>
  queryOptions({
    queryKey: queryKeys.resourceList(plural, namespace),
    queryFn: () =>
      apiFetch<ResourceList<R>>(
        namespace
          ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/${encodeURIComponent(plural)}`
          : `/api/v1/${encodeURIComponent(plural)}`,
      ),
    select: (list) => list.items,
  });

/** One object. */
export const resourceQuery = <R extends MeshResource = MeshResource>(
  plural: string,
  namespace: string,
  name: string,
) =>
  queryOptions({
    queryKey: queryKeys.resource(plural, namespace, name),
    queryFn: () => apiFetch<R>(objectPath(plural, namespace, name)),
  });

/** Analysis findings of the stored config (the validation status of every object). */
export const analyzeQuery = () =>
  queryOptions({
    queryKey: queryKeys.analyzeStored,
    queryFn: () => apiFetch<AnalyzeResponse>('/api/v1/analyze'),
  });

/**
 * Validation and findings of a draft (YAML or JSON text) as if it were applied: the server's dry run.
 * Stores nothing and needs only read access. Cached by text, so unchanged drafts are not re-sent.
 */
export const analyzeDraftQuery = (text: string) =>
  queryOptions({
    queryKey: queryKeys.analyzeDraft(text),
    queryFn: ({ signal }) =>
      apiFetch<AnalyzeResponse>('/api/v1/analyze', {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: text,
        signal,
      }),
    staleTime: 5_000,
    enabled: text.trim() !== '',
  });

/** The revisions of one object, newest first. */
export const historyQuery = (kind: string, namespace: string, name: string) =>
  queryOptions({
    queryKey: queryKeys.historyOf(kind, namespace, name),
    queryFn: () =>
      apiFetch<HistoryResponse>(
        `/api/v1/history?${new URLSearchParams({ kind, namespace, name, limit: '100' }).toString()}`,
      ),
  });

/**
 * Every proxy and its config sync status.
 * TODO: polled every 2 s until issue 5's `/api/v1/stream` WebSocket pushes proxy status into this cache;
 * once it does, drop `refetchInterval` (the stream then updates `queryKeys.proxyStatus`).
 */
export const proxyStatusQuery = () =>
  queryOptions({
    queryKey: queryKeys.proxyStatus,
    queryFn: () => apiFetch<ProxyStatus[]>('/api/v1/proxy-status'),
    refetchInterval: 2_000,
  });
