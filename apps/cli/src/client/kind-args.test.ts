import { describe, expect, it } from 'vitest';
import { resolveKind, resolveKindArg } from './kind-args.js';
import { objectRef, resourceName } from './object-ref.js';

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
    expect(resolveKindArg('all').kinds).toHaveLength(7);
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
});
