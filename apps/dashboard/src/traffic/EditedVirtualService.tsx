import type { VirtualService } from '@shadowmesh/api';
import { useQuery } from '@tanstack/react-query';
import { resourceQuery } from '../api/queries';
import type { ServiceSummary } from '../services/serviceIndex';
import { TrafficEditor } from './TrafficEditor';

interface EditedVirtualServiceProps {
  /** The VirtualService as the list showed it (used until its own query answers). */
  listed: VirtualService;
  service: ServiceSummary;
  services: readonly ServiceSummary[];
}

/** The traffic editor on the object's own query, which Apply and conflicts update directly. */
export function EditedVirtualService({ listed, service, services }: EditedVirtualServiceProps) {
  const namespace = listed.metadata.namespace ?? 'default';
  const { data } = useQuery({
    ...resourceQuery<VirtualService>('virtualservices', namespace, listed.metadata.name),
    placeholderData: listed,
  });
  return <TrafficEditor virtualService={data ?? listed} service={service} services={services} />;
}
