import { describe, expect, it } from 'vitest';
import { resolveKind, resolveKindArg } from './kind-args.js';
import { kindLabel, objectRef, resourceName } from './object-ref.js';

describe('kind lookup', () => {
  const table: Array<[string, string]> = [
    ['vs', 'VirtualService'],
    ['virtualservice', 'VirtualService'],
    ['VirtualServices', 'VirtualService'],
    ['dr', 'DestinationRule'],
    ['gw', 'Gateway'],
    ['se', 'ServiceEntry'],
    ['svc', 'Service'],
    ['services', 'Service'],
    ['meshconfig', 'MeshConfig'],
    ['mc', 'MeshConfig'],
    ['shadowpolicy', 'ShadowPolicy'],
    ['shadowpolicies', 'ShadowPolicy'],
    ['sp', 'ShadowPolicy'],
    // Gateway API: `gateway`/`gateways` stay Istio's, as kubectl resolves them with Istio installed.
    ['gateway', 'Gateway'],
    ['gateways', 'Gateway'],
    ['gateways.networking.istio.io', 'Gateway'],
    ['gtw', 'KubernetesGateway'],
    ['gateways.gateway.networking.k8s.io', 'KubernetesGateway'],
    ['gateway.gateway.networking.k8s.io', 'KubernetesGateway'],
    ['Gateway.gateway.networking.k8s.io', 'KubernetesGateway'],
    ['httproute', 'HTTPRoute'],
    ['HTTPRoutes', 'HTTPRoute'],
    ['httproutes.gateway.networking.k8s.io', 'HTTPRoute'],
    ['virtualservices.networking.istio.io', 'VirtualService'],
  ];
  it.each(table)('%s → %s', (typed, kind) => {
    expect(resolveKind(typed).kind).toBe(kind);
  });

  it('refuses an unknown kind, listing the known ones', () => {
    expect(() => resolveKind('pods')).toThrow(
      /doesn't have a resource type "pods"; known types: services \(service, svc\)/,
    );
  });

  it('takes a,b lists, all, and kind/name', () => {
    expect(resolveKindArg('vs,dr,vs')).toMatchObject({ names: [], multiple: true });
    expect(resolveKindArg('vs,dr').kinds.map((k) => k.kind)).toEqual(['VirtualService', 'DestinationRule']);
    expect(resolveKindArg('all').kinds).toHaveLength(9);
    expect(resolveKindArg('vs/httpbin')).toMatchObject({ names: ['httpbin'], multiple: false });
    expect(() => resolveKindArg('vs/')).toThrow(/name is required/);
  });
});

describe('object names as kubectl prints them', () => {
  it('uses singular.group/name, service/name for the core group, Kind/name for others', () => {
    expect(objectRef('VirtualService', 'httpbin')).toBe('virtualservice.networking.istio.io/httpbin');
    expect(objectRef('MeshConfig', 'default')).toBe('meshconfig.shadowmesh.io/default');
    expect(objectRef('Service', 'httpbin')).toBe('service/httpbin');
    expect(objectRef('Deployment', 'httpbin-v1')).toBe('Deployment/httpbin-v1');
    expect(resourceName('dr')).toBe('destinationrules.networking.istio.io');
    expect(resourceName('svc')).toBe('services');
  });

  it('does not qualify Gateway API names twice', () => {
    expect(objectRef('KubernetesGateway', 'gw')).toBe('gateway.gateway.networking.k8s.io/gw');
    expect(objectRef('HTTPRoute', 'reviews')).toBe('httproute.gateway.networking.k8s.io/reviews');
    expect(resourceName('gtw')).toBe('gateways.gateway.networking.k8s.io');
    expect(resourceName('httproute')).toBe('httproutes.gateway.networking.k8s.io');
  });

  it('labels a kind by its manifest kind, with the group when another kind has that name', () => {
    expect(kindLabel('KubernetesGateway')).toBe('Gateway.gateway.networking.k8s.io');
    expect(kindLabel('Gateway')).toBe('Gateway');
    expect(kindLabel('HTTPRoute')).toBe('HTTPRoute');
    expect(kindLabel('Deployment')).toBe('Deployment');
  });
});
