import type { Service } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import type { ServiceSummary } from '../services/serviceIndex';
import { destinationChoices } from './destinationChoices';
import { ruleView } from './gatewayRuleView';

const summary = (name: string, namespace = 'default', port: number | null = 9080): ServiceSummary => {
  const service: Service | null =
    port === null
      ? null
      : { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports: [{ port }] } };
  return {
    name,
    namespace,
    fqdn: `${name}.${namespace}.svc.cluster.local`,
    service,
    virtualServices: [],
    httpRoutes: [],
    destinationRules: [],
    subsets: name === 'reviews' ? ['v1', 'v2'] : [],
    hasMirror: false,
    hasWeights: false,
  };
};

const reviews = summary('reviews');
const services = [
  reviews,
  summary('reviews-v1'),
  summary('reviews-v2'),
  summary('reviews-v3', 'default', 8080),
  summary('ratings', 'shop'),
  summary('ghost', 'default', null),
];

describe('destinationChoices', () => {
  it('offers a VirtualService the subsets and every service with subsets', () => {
    const choices = destinationChoices('VirtualService', reviews, services, 'default');
    const route = { route: [{ destination: { host: 'reviews', subset: 'v1' } }] };
    expect(choices.subsets).toBe(true);
    expect(choices.addable(route).map((a) => a.destination)).toEqual([{ host: 'reviews', subset: 'v2' }]);
    expect(choices.defaultMirror(route)).toEqual({ host: 'reviews', subset: 'v2' });
    expect(choices.mirrorTargets.find((t) => t.label === 'ratings.shop')?.port).toBeUndefined();
  });

  it('offers an HTTPRoute the Services of its namespace, with their ports', () => {
    const choices = destinationChoices('HTTPRoute', reviews, services, 'default');
    const route = ruleView({ backendRefs: [{ name: 'reviews-v1', port: 9080 }] }, 'default');
    expect(choices.subsets).toBe(false);
    expect(choices.addable(route).map((a) => a.destination)).toEqual([
      { host: 'reviews', port: { number: 9080 } },
      { host: 'reviews-v2', port: { number: 9080 } },
      { host: 'reviews-v3', port: { number: 8080 } },
    ]);
    expect(choices.mirrorTargets.map((t) => [t.label, t.port])).toEqual([
      ['reviews', 9080],
      ['reviews-v1', 9080],
      ['reviews-v2', 9080],
      ['reviews-v3', 8080],
    ]);
  });

  it('mirrors a new HTTPRoute mirror to an idle backend, else to a sibling Service not routed', () => {
    const choices = destinationChoices('HTTPRoute', reviews, services, 'default');
    const idle = ruleView(
      {
        backendRefs: [
          { name: 'reviews-v1', port: 9080, weight: 1 },
          { name: 'reviews-v3', port: 8080, weight: 0 },
        ],
      },
      'default',
    );
    expect(choices.defaultMirror(idle)).toEqual({ host: 'reviews-v3', port: { number: 8080 } });
    const one = ruleView({ backendRefs: [{ name: 'reviews-v1', port: 9080 }] }, 'default');
    expect(choices.defaultMirror(one)).toEqual({ host: 'reviews-v2', port: { number: 9080 } });
  });
});
