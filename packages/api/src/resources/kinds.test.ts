import { describe, expect, it } from 'vitest';
import { findKind, isServedApiVersion, KINDS, kindByPlural, preferredApiVersion } from './kinds.js';
import { MESH_CONFIG_DEFAULTS, resolveMeshConfig } from './mesh-config.js';
import { convertApiVersion } from './mesh-resource.js';
import { applyShadowPolicy } from './shadow-policy.js';
import type { VirtualService } from './virtual-service.js';

describe('kind registry', () => {
  it.each([
    ['vs', 'VirtualService'],
    ['VS', 'VirtualService'],
    ['virtualservice', 'VirtualService'],
    ['VirtualServices', 'VirtualService'],
    ['dr', 'DestinationRule'],
    ['gw', 'Gateway'],
    ['se', 'ServiceEntry'],
    ['svc', 'Service'],
    ['services', 'Service'],
    ['meshconfig', 'MeshConfig'],
    ['shadowpolicies', 'ShadowPolicy'],
  ])('finds %s', (name, kind) => {
    expect(findKind(name)?.kind).toBe(kind);
  });

  it('does not find unmanaged kinds', () => {
    expect(findKind('deployment')).toBeUndefined();
  });

  it('has the REST plurals of the design', () => {
    expect(KINDS.map((k) => k.plural).sort()).toEqual([
      'destinationrules',
      'gateways',
      'gateways.gateway.networking.k8s.io',
      'httproutes',
      'meshconfigs',
      'serviceentries',
      'services',
      'shadowpolicies',
      'virtualservices',
    ]);
    expect(kindByPlural('virtualservices')?.kind).toBe('VirtualService');
  });

  it('serves the three networking versions', () => {
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) {
      expect(isServedApiVersion('VirtualService', `networking.istio.io/${v}`)).toBe(true);
    }
    expect(isServedApiVersion('Service', 'v1')).toBe(true);
    expect(isServedApiVersion('MeshConfig', 'shadowmesh.io/v1alpha1')).toBe(true);
    expect(isServedApiVersion('VirtualService', 'networking.istio.io/v2')).toBe(false);
    expect(preferredApiVersion('Gateway')).toBe('networking.istio.io/v1');
  });

  it('converts between networking versions by changing only apiVersion', () => {
    const vs: VirtualService = {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'VirtualService',
      metadata: { name: 'a', namespace: 'default' },
      spec: { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }] }] },
    };
    const v1 = convertApiVersion(vs, 'networking.istio.io/v1');
    expect(v1).toEqual({ ...vs, apiVersion: 'networking.istio.io/v1' });
    expect(vs.apiVersion).toBe('networking.istio.io/v1alpha3');
    expect(() => convertApiVersion(vs, 'v1')).toThrow(/not served for VirtualService/);
  });
});

describe('mesh defaults', () => {
  it('fills absent MeshConfig fields from MESH_CONFIG_DEFAULTS', () => {
    expect(resolveMeshConfig(undefined)).toEqual(MESH_CONFIG_DEFAULTS);
    const r = resolveMeshConfig({ mirror: { maxInFlight: 8 }, shadowHostSuffix: false });
    expect(r.mirror).toEqual({ maxInFlight: 8, timeout: '5s', maxBodyBytes: 1_048_576 });
    expect(r.shadowHostSuffix).toBe(false);
    expect(r.outboundTrafficPolicy.mode).toBe('ALLOW_ANY');
  });

  it('applies a ShadowPolicy over the mesh settings', () => {
    const mesh = resolveMeshConfig({ flowSampling: 0.5 });
    const eff = applyShadowPolicy(mesh, {
      host: 'httpbin',
      captureBodyBytes: 10,
      redactHeaders: ['authorization'],
    });
    expect(eff.flowSampling).toBe(0.5);
    expect(eff.captureBodyBytes).toBe(10);
    expect(eff.redactHeaders).toEqual(['authorization']);
    expect(eff.baseline.percentage).toBe(0);
  });
});
