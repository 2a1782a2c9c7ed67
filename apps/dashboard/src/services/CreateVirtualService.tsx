import type { VirtualService } from '@shadowmesh/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../components/ErrorNotice';
import type { ServiceSummary } from './serviceIndex';

/** A first VirtualService for a service: everything to its first subset (or to the host). */
export function starterVirtualService(service: ServiceSummary): VirtualService {
  const subset = service.subsets[0];
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: service.name, namespace: service.namespace },
    spec: {
      hosts: [service.name],
      http: [{ route: [{ destination: subset ? { host: service.name, subset } : { host: service.name } }] }],
    },
  };
}

/** Shown when no VirtualService routes the service: creating one makes weights and mirrors editable. */
export function CreateVirtualService({ service }: { service: ServiceSummary }) {
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      apiSend<VirtualService>(
        'POST',
        `/api/v1/namespaces/${encodeURIComponent(service.namespace)}/virtualservices`,
        starterVirtualService(service),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.resources }),
  });
  return (
    <div className="empty-state">
      <p>
        No VirtualService routes <strong>{service.name}</strong>: requests go to all its endpoints alike, and
        nothing is mirrored.
      </p>
      <button type="button" className="primary" disabled={create.isPending} onClick={() => create.mutate()}>
        Create a VirtualService
      </button>{' '}
      <span className="muted">
        (all traffic to {service.subsets[0] ? `subset ${service.subsets[0]}` : service.name}; then shift or
        mirror it here)
      </span>
      {create.error && <ErrorNotice error={create.error} />}
    </div>
  );
}
