import type { DestinationRule, GatewayHTTPRoute, Service, VirtualService } from '@shadowmesh/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { resourceListQuery } from '../api/queries';
import { indexServices, type ServiceSummary } from './serviceIndex';

export interface ServiceIndex {
  services: ServiceSummary[];
  isPending: boolean;
  error: unknown;
}

/** Every service joined with its VirtualServices, HTTPRoutes and DestinationRules (four list queries). */
export function useServiceIndex(): ServiceIndex {
  const services = useQuery(resourceListQuery<Service>('services'));
  const virtualServices = useQuery(resourceListQuery<VirtualService>('virtualservices'));
  const destinationRules = useQuery(resourceListQuery<DestinationRule>('destinationrules'));
  const httpRoutes = useQuery(resourceListQuery<GatewayHTTPRoute>('httproutes'));
  const index = useMemo(
    () =>
      services.data && virtualServices.data && destinationRules.data && httpRoutes.data
        ? indexServices({
            services: services.data,
            virtualServices: virtualServices.data,
            destinationRules: destinationRules.data,
            httpRoutes: httpRoutes.data,
          })
        : [],
    [services.data, virtualServices.data, destinationRules.data, httpRoutes.data],
  );
  return {
    services: index,
    isPending:
      services.isPending || virtualServices.isPending || destinationRules.isPending || httpRoutes.isPending,
    error: services.error ?? virtualServices.error ?? destinationRules.error ?? httpRoutes.error,
  };
}
