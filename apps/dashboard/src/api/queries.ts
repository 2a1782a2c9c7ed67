import type {
  AnalyzeResponse,
  DivergenceResponse,
  FlowExchange,
  FlowFilter,
  FlowListResponse,
  GraphResponse,
  HistoryResponse,
  MeshResource,
  MetricsResponse,
  ProxyStatus,
  ResourceList,
  SessionInfo,
  VersionInfo,
} from '@shadowmesh/api';
import { queryOptions } from '@tanstack/react-query';
import { filterKey, flowListPath } from '../flows/flowFilter';
import { type GraphQueryView, graphRequestPath } from '../graph/graphView';
import { unlessLive } from '../graph/stream/streamLiveness';
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
 * Every proxy and its config sync status. Polled every 2 s only while the live stream is down; while
 * it is up, its `invalidate` messages (`proxy-status`) refetch this query instead.
 */
export const proxyStatusQuery = () =>
  queryOptions({
    queryKey: queryKeys.proxyStatus,
    queryFn: () => apiFetch<ProxyStatus[]>('/api/v1/proxy-status'),
    refetchInterval: unlessLive(2_000),
  });

/**
 * One view of the service graph. Fetched once; then the live stream writes its snapshots and deltas
 * into this entry (LiveStreamProvider). Polled every 5 s only while the stream is down.
 */
export const graphQuery = (view: GraphQueryView) =>
  queryOptions({
    queryKey: queryKeys.graphView(view.graphType, view.namespaces, view.durationSeconds),
    queryFn: ({ signal }) => apiFetch<GraphResponse>(graphRequestPath(view), { signal }),
    refetchInterval: unlessLive(5_000),
  });

/** What a time series is for: a node or an edge of the graph, by id. */
export interface MetricsTarget {
  kind: 'node' | 'edge';
  id: string;
}

/**
 * The time series of one node or edge over the window (the side panel's charts). The stream carries
 * no series, so an open panel refetches it every 5 s.
 */
export const metricsQuery = (target: MetricsTarget, durationSeconds: number) =>
  queryOptions({
    queryKey: queryKeys.metrics(target.kind, target.id, durationSeconds),
    queryFn: ({ signal }) =>
      apiFetch<MetricsResponse>(
        `/api/v1/metrics?${new URLSearchParams({ [target.kind]: target.id, duration: `${durationSeconds}s` }).toString()}`,
        { signal },
      ),
    refetchInterval: 5_000,
  });

/**
 * The flows held that match a filter, newest first: the Flows page's first rows (the `/api/v1/tap`
 * stream brings the rest). Fetched when the page opens and after the stream reconnects; the
 * stream, not polling, keeps the table live.
 */
export const flowListQuery = (filter: FlowFilter, limit: number) =>
  queryOptions({
    queryKey: queryKeys.flowList(`${filterKey(filter)}#${limit}`),
    queryFn: ({ signal }) => apiFetch<FlowListResponse>(flowListPath(filter, limit), { signal }),
  });

/** One exchange with headers, bodies and comparisons. Refetched every second while copies are awaited. */
/** One exchange by its id (a bare request id opens its newest exchange). */
export const flowQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.flow(id),
    queryFn: ({ signal }) => apiFetch<FlowExchange>(`/api/v1/flows/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => ((query.state.data?.pendingCopies ?? 0) > 0 ? 1_000 : false),
  });

/** Divergence per mirror edge of a service (or every one), refreshed every 5 s while shown. */
export const divergenceQuery = (namespace?: string, service?: string) =>
  queryOptions({
    queryKey: queryKeys.divergence(namespace, service),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      if (namespace) params.set('namespace', namespace);
      if (service) params.set('service', service);
      const query = params.toString();
      return apiFetch<DivergenceResponse>(`/api/v1/divergence${query ? `?${query}` : ''}`, { signal });
    },
    refetchInterval: 5_000,
  });
