import { KINDS, type KindInfo, type MeshResource } from '@shadowmesh/api';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { analyzeQuery, resourceListQuery } from '../api/queries';
import { type ObjectStatus, objectKey, statusByObject, VALID } from './validationStatus';

export interface ConfigRow {
  info: KindInfo;
  resource: MeshResource;
  namespace: string;
  status: ObjectStatus;
}

/** Every stored object of every kind (from the KINDS registry) with its validation status. */
export function useConfigObjects() {
  const lists = useQueries({ queries: KINDS.map((k) => resourceListQuery(k.plural)) });
  const analysis = useQuery(analyzeQuery());
  const statuses = useMemo(() => statusByObject(analysis.data?.findings ?? []), [analysis.data]);
  const rows: ConfigRow[] = [];
  KINDS.forEach((info, i) => {
    for (const resource of lists[i]?.data ?? []) {
      const namespace = resource.metadata.namespace ?? 'default';
      const status = statuses.get(objectKey(info.kind, namespace, resource.metadata.name)) ?? VALID;
      rows.push({ info, resource, namespace, status });
    }
  });
  return {
    rows,
    isPending: lists.some((l) => l.isPending),
    error: lists.find((l) => l.error)?.error ?? analysis.error,
    analysisPending: analysis.isPending,
  };
}
