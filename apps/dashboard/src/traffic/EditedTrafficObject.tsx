import { useQuery } from '@tanstack/react-query';
import { resourceQuery } from '../api/queries';
import type { ServiceSummary } from '../services/serviceIndex';
import { TrafficEditor } from './TrafficEditor';
import { type TrafficObject, trafficPlural } from './trafficObject';

interface EditedTrafficObjectProps {
  /** The VirtualService or HTTPRoute as the list showed it (used until its own query answers). */
  listed: TrafficObject;
  service: ServiceSummary;
  services: readonly ServiceSummary[];
}

/** The traffic editor on the object's own query, which Apply and conflicts update directly. */
export function EditedTrafficObject({ listed, service, services }: EditedTrafficObjectProps) {
  const namespace = listed.metadata.namespace ?? 'default';
  const { data } = useQuery({
    ...resourceQuery<TrafficObject>(trafficPlural(listed), namespace, listed.metadata.name),
    placeholderData: listed,
  });
  return <TrafficEditor object={data ?? listed} service={service} services={services} />;
}
