import type { VersionInfo } from '@shadowmesh/api';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './client';

/** One queryOptions factory per resource (TanStack's recommended pattern). */
export const versionQuery = () =>
  queryOptions({
    queryKey: ['version'],
    queryFn: () => apiFetch<VersionInfo>('/api/v1/version'),
    staleTime: Number.POSITIVE_INFINITY,
  });
