// Adds to a ResourceSet the Istio resources its Gateway API resources stand for, as istiod does before
// building any proxy's config: the rest of the routing engine sees only VirtualServices and Gateways.
import type { Resource } from '@shadowmesh/api';
import { groupResources, namespaceOf, type ResourceSet } from '../resource-set.js';
import { translateGateway } from './gateway-translation.js';
import { translateHTTPRoutes } from './http-route-translation.js';
import type { ServiceExists } from './rule-translation.js';

function serviceIndex(set: ResourceSet): ServiceExists {
  const keys = new Set(set.services.map((s) => `${namespaceOf(s)}/${s.metadata.name}`));
  return (name, namespace) => keys.has(`${namespace}/${name}`);
}

/**
 * Translates `set.httpRoutes` and `set.kubernetesGateways` into VirtualServices (placed before the user's,
 * so an HTTPRoute and a VirtualService for one host give the HTTPRoute's rules first) and Gateways.
 */
export function addGatewayApiResources(set: ResourceSet, onIssue: (message: string) => void): ResourceSet {
  if (set.httpRoutes.length === 0 && set.kubernetesGateways.length === 0) return set;
  const gateways = set.kubernetesGateways.flatMap((g) => translateGateway(g, onIssue));
  const virtualServices = translateHTTPRoutes({
    httpRoutes: set.httpRoutes,
    gateways: set.kubernetesGateways,
    serviceExists: serviceIndex(set),
    onIssue,
  });
  return {
    ...set,
    virtualServices: [...virtualServices, ...set.virtualServices],
    gateways: [...set.gateways, ...gateways],
  };
}

/**
 * The VirtualServices and Gateways a list of resources stands for once its Gateway API kinds are
 * translated (the control plane's graph reads configured weights and mirrors from these). Grouped and
 * ordered as for a proxy, so the translation is the one every proxy makes.
 */
export function translateGatewayApi(
  resources: readonly Resource[],
  onIssue: (message: string) => void = () => {},
): Pick<ResourceSet, 'virtualServices' | 'gateways'> {
  const set = groupResources(resources, [], 'default');
  const translated = addGatewayApiResources({ ...set, virtualServices: [], gateways: [] }, onIssue);
  return { virtualServices: translated.virtualServices, gateways: translated.gateways };
}
